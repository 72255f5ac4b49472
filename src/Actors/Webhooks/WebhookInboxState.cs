namespace Paystack.Actors.Webhooks;

/// <summary>
/// The inbox's knowledge, rebuilt from its journal: which events wait to be applied (in arrival order) and which were
/// seen lately. Paystack retries an event for 72 hours, so ids are remembered for <see cref="Retention"/>.
/// </summary>
public sealed class WebhookInboxState
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(4);

    private readonly Dictionary<string, WebhookEvent> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _pendingOrder = [];
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public int PendingCount => _pending.Count;

    /// <summary>When the last reconciliation finished, if one did.</summary>
    public DateTimeOffset? LastReconciledAt { get; private set; }

    public IEnumerable<WebhookEvent> Pending => _pendingOrder.Where(_pending.ContainsKey).Select(id => _pending[id]);

    public bool HasSeen(string eventId) => _seen.ContainsKey(eventId);

    public bool IsPending(string eventId) => _pending.ContainsKey(eventId);

    public void Apply(IWebhookInboxEntry entry)
    {
        switch (entry)
        {
            case WebhookInboxEvents.Accepted accepted:
                _seen[accepted.Event.EventId] = accepted.Event.ReceivedAt;
                if (_pending.TryAdd(accepted.Event.EventId, accepted.Event)) _pendingOrder.Add(accepted.Event.EventId);
                break;
            case WebhookInboxEvents.Settled settled:
                _pending.Remove(settled.EventId);
                if (_pendingOrder.Count > 64 && _pendingOrder.Count > 2 * _pending.Count) _pendingOrder.RemoveAll(id => !_pending.ContainsKey(id));
                break;
            case WebhookInboxEvents.Reconciled reconciled:
                LastReconciledAt = reconciled.At;
                break;
            case WebhookInboxSnapshot snapshot:
                LastReconciledAt = snapshot.LastReconciledAt;
                _pending.Clear();
                _pendingOrder.Clear();
                _seen.Clear();
                foreach (var seen in snapshot.Seen) _seen[seen.EventId] = seen.ReceivedAt;
                foreach (var pending in snapshot.Pending) Apply(new WebhookInboxEvents.Accepted(pending));
                break;
        }
    }

    /// <summary>The state to snapshot, forgetting ids seen before <paramref name="now"/> minus the retention (pending ones stay).</summary>
    public WebhookInboxSnapshot ToSnapshot(DateTimeOffset now) => new(
        Pending.ToList(),
        _seen.Where(s => s.Value >= now - Retention || _pending.ContainsKey(s.Key))
            .Select(s => new SeenEvent(s.Key, s.Value)).ToList(),
        LastReconciledAt);
}
