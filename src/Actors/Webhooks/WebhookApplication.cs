using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Webhooks;

/// <summary>What the applier needs to know about the account's sync.</summary>
/// <param name="AccountId">The account whose destination lease is taken.</param>
/// <param name="SyncedStreams">The streams the service syncs; events for others are recorded and ignored.</param>
/// <param name="WriteMode">How the service writes its streams: only append_dedup tables are upserted into.</param>
/// <param name="LeaseWait">How long to wait for a run holding the destination before trying again later.</param>
public sealed record WebhookApplyOptions(string AccountId, IReadOnlySet<string> SyncedStreams, WriteMode WriteMode, TimeSpan LeaseWait);

/// <summary>
/// Applies a batch of accepted events: each becomes a re-read of the record it names (one request per distinct record,
/// through the account's client and rate limiter), upserted into its stream's table, and every event is kept in
/// <c>webhook_events</c>. The writes go through <see cref="IDestination"/> under the destination's lease, so they never
/// interleave with a run; they carry no receipt, so the stream's journal check never mistakes them for a run's write
/// (see docs/webhooks.md, "Runs and webhooks").
/// </summary>
public sealed class WebhookApplication(
    WebhookApplyOptions options, IPaystackClient client, Func<IDestination> openDestination, TimeProvider clock)
{
    /// <returns>Each event's outcome, in the order given.</returns>
    /// <exception cref="Destinations.Progress.DestinationBusyException">A run held the destination for longer than the lease wait.</exception>
    /// <exception cref="PaystackApiException">A record could not be re-read; the whole batch is tried again later.</exception>
    public async Task<IReadOnlyList<(WebhookEvent Event, WebhookOutcome Outcome)>> ApplyAsync(
        IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var outcomes = new WebhookOutcome?[events.Count];
        var targets = new EventTarget?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            (targets[i], outcomes[i]) = Classify(events[i]);
        }

        var destination = openDestination();
        try
        {
            var (fetched, unreadable) = await FetchAsync(destination, targets, outcomes, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < events.Count; i++)
            {
                if (targets[i] is { } t && outcomes[i] is null && unreadable.TryGetValue((t.Stream.Name, t.RecordId), out var why))
                    outcomes[i] = WebhookOutcome.Unreadable(t.Stream.Name, t.RecordId, why);
            }
            await WriteAsync(destination, events, targets, outcomes, fetched, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await destination.DisposeAsync().ConfigureAwait(false);
        }

        return events.Select((e, i) => (e, outcomes[i]!)).ToList();
    }

    /// <summary>
    /// One read per distinct record, made while no lease is held so a run never waits on Paystack for us; but only
    /// once the destination was found free, so a batch that must wait for a run spends no request on each retry.
    /// </summary>
    private async Task<(Dictionary<(string, string), PaystackRecord?> Fetched, Dictionary<(string, string), string> Unreadable)> FetchAsync(
        IDestination destination, EventTarget?[] targets, WebhookOutcome?[] outcomes, CancellationToken cancellationToken)
    {
        var fetched = new Dictionary<(string Stream, string Id), PaystackRecord?>();
        var unreadable = new Dictionary<(string Stream, string Id), string>();
        var toRead = targets.Where((t, i) => t is not null && outcomes[i] is null).Distinct().ToList();
        if (toRead.Count > 0)
        {
            await using var probe = await destination.LeaseAsync(options.AccountId, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        foreach (var target in toRead)
        {
            var key = (target!.Stream.Name, target.RecordId);
            if (fetched.ContainsKey(key) || unreadable.ContainsKey(key)) continue;
            try
            {
                fetched[key] = await client.GetRecordAsync(target.Stream, target.RecordId, cancellationToken).ConfigureAwait(false);
            }
            catch (PaystackApiException refused) when (IsAboutTheRecord(refused))
            {
                // Trying again cannot help, and must not hold up the events behind it.
                unreadable[key] = refused.Message;
            }
        }
        return (fetched, unreadable);
    }

    /// <summary>Under the lease: the re-read records into their streams' tables, then every event into <c>webhook_events</c>.</summary>
    private async Task WriteAsync(
        IDestination destination, IReadOnlyList<WebhookEvent> events, EventTarget?[] targets, WebhookOutcome?[] outcomes,
        Dictionary<(string, string), PaystackRecord?> fetched, CancellationToken cancellationToken)
    {
        await using var lease = await destination.LeaseAsync(options.AccountId, options.LeaseWait, cancellationToken).ConfigureAwait(false);
        var runId = $"webhook-{clock.GetUtcNow():yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        foreach (var group in targets.Select((t, i) => (Target: t, Index: i))
                     .Where(x => x.Target is not null && outcomes[x.Index] is null)
                     .GroupBy(x => x.Target!.Stream))
        {
            var stream = group.Key;
            var progress = await destination.ReadProgressAsync(stream, cancellationToken).ConfigureAwait(false);
            var synced = progress is { TableExists: true, Recorded: true } && progress.Account == options.AccountId;
            var records = new List<PaystackRecord>();
            foreach (var (target, index) in group)
            {
                var record = fetched[(stream.Name, target!.RecordId)];
                outcomes[index] = record is null ? WebhookOutcome.RecordGone(stream.Name, target.RecordId)
                    : !synced ? WebhookOutcome.BeforeFirstRun(stream.Name)
                    : WebhookOutcome.Applied(stream.Name, target.RecordId);
                if (record is not null && synced && records.All(r => r.Id != record.Id)) records.Add(record);
            }
            if (records.Count == 0) continue;
            await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, runId, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(stream, records, receipt: null, cancellationToken).ConfigureAwait(false);
        }

        var rows = events.Select((e, i) => WebhookEventRows.Row(e, outcomes[i]!, targets[i])).ToList();
        await destination.BeginStreamAsync(WebhookEventRows.Stream, WriteMode.AppendDedup, runId, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(WebhookEventRows.Stream, rows, receipt: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A refusal of this one record (400, or a 2xx body without a record), not of the key or the service.</summary>
    private static bool IsAboutTheRecord(PaystackApiException refused) =>
        refused.Kind == PaystackErrorKind.BadRequest || refused is { Kind: PaystackErrorKind.InvalidResponse, StatusCode: >= 200 and < 300 };

    private (EventTarget? Target, WebhookOutcome? Settled) Classify(WebhookEvent webhook)
    {
        if (EventTarget.StreamOf(webhook.Type) is not { } streamName) return (null, WebhookOutcome.UnknownType(webhook.Type));
        if (!options.SyncedStreams.Contains(streamName)) return (null, WebhookOutcome.NotSynced(streamName));
        if (EventTarget.Of(webhook) is not { } target) return (null, WebhookOutcome.NoRecordId(webhook.Type));
        if (options.WriteMode != WriteMode.AppendDedup) return (target, WebhookOutcome.WrongMode(streamName, options.WriteMode.ToString()));
        return (target, null);
    }
}
