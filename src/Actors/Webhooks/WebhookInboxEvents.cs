namespace Paystack.Actors.Webhooks;

/// <summary>What the webhook inbox journals (see <see cref="WebhookInboxSerializer"/>).</summary>
public interface IWebhookInboxEntry;

public static class WebhookInboxEvents
{
    /// <summary>The event is durable: from here on a crash replays it rather than losing it.</summary>
    public sealed record Accepted(WebhookEvent Event) : IWebhookInboxEntry;

    /// <summary>The event's effect is in the destination (or it had none to have, as <paramref name="Outcome"/> says).</summary>
    public sealed record Settled(string EventId, string Outcome, DateTimeOffset At) : IWebhookInboxEntry;

    /// <summary>A reconciliation finished: the next is due <c>reconcile-every</c> later, across restarts.</summary>
    public sealed record Reconciled(DateTimeOffset At) : IWebhookInboxEntry;
}

/// <summary>An event seen: kept to recognise Paystack's retries of it.</summary>
public sealed record SeenEvent(string EventId, DateTimeOffset ReceivedAt);

/// <summary>The inbox at one point: events not yet settled, and the recent ones seen.</summary>
public sealed record WebhookInboxSnapshot(
    IReadOnlyList<WebhookEvent> Pending, IReadOnlyList<SeenEvent> Seen, DateTimeOffset? LastReconciledAt = null) : IWebhookInboxEntry;
