using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Webhooks;

namespace Paystack.Actors.Reconciliation;

/// <param name="Streams">The streams to re-sweep (those webhooks keep current, that the service syncs).</param>
/// <param name="Window">How far back from now the re-sweep reads, by creation time.</param>
public sealed record ReconcileOptions(
    string AccountId, IReadOnlyList<StreamDefinition> Streams, WriteMode WriteMode, TimeSpan Window, int PageSize, TimeSpan LeaseWait);

/// <summary>
/// Re-reads every record created in the last <see cref="ReconcileOptions.Window"/> of each stream, through the account's
/// client and rate limiter, and compares it with the stored row: the records that changed (or are missing) are upserted
/// under the destination's lease, without a receipt (as webhook writes), and counted: they are the changes webhooks did
/// not bring in. Only append_dedup streams are written; others are reported and left to their runs.
/// </summary>
public sealed class Reconciler(
    ReconcileOptions options, IPaystackClient client, Func<IDestination> openDestination, StoredRecords stored, TimeProvider clock)
{
    /// <exception cref="Destinations.Progress.DestinationBusyException">A run held the destination for longer than the lease wait.</exception>
    public async Task<ReconcileReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var from = started - options.Window;
        var results = new List<StreamReconciled>();
        var toWrite = new List<(StreamDefinition Stream, List<PaystackRecord> Records)>();
        foreach (var stream in options.Streams)
        {
            if (!stream.SupportsTimeFilter)
            {
                results.Add(new StreamReconciled(stream.Name, 0, 0, 0, "its endpoint cannot filter by creation time"));
                continue;
            }
            var current = new List<PaystackRecord>();
            await foreach (var record in PaystackPager.ReadAllAsync(client, stream, options.PageSize, from, started, cancellationToken).ConfigureAwait(false))
                current.Add(record);
            var rows = await stored.ReadAsync(stream, current.Select(r => r.Id).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            var changed = current.Where(r => rows.TryGetValue(r.Id, out var row) && RecordComparison.Differs(r.Json, row)).ToList();
            var missing = current.Where(r => !rows.ContainsKey(r.Id)).ToList();
            results.Add(new StreamReconciled(stream.Name, current.Count, changed.Count, missing.Count,
                options.WriteMode == WriteMode.AppendDedup ? null : $"written in {options.WriteMode} mode: reported, left to its runs"));
            if (options.WriteMode == WriteMode.AppendDedup && changed.Count + missing.Count > 0) toWrite.Add((stream, [.. changed, .. missing]));
        }

        if (toWrite.Count > 0) await WriteAsync(toWrite, started, cancellationToken).ConfigureAwait(false);
        foreach (var result in results.Where(r => r.Changed > 0)) WebhookMetrics.FoundByReconciliation(result.Stream, result.Changed);
        return new ReconcileReport(started, clock.GetUtcNow(), from, results);
    }

    private async Task WriteAsync(List<(StreamDefinition Stream, List<PaystackRecord> Records)> batches, DateTimeOffset started, CancellationToken ct)
    {
        var destination = openDestination();
        try
        {
            await using var lease = await destination.LeaseAsync(options.AccountId, options.LeaseWait, ct).ConfigureAwait(false);
            var runId = $"reconcile-{started:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
            foreach (var (stream, records) in batches)
            {
                var progress = await destination.ReadProgressAsync(stream, ct).ConfigureAwait(false);
                // A stream before its first run (or last written for another account) is its runs' to fill.
                if (progress is not { TableExists: true, Recorded: true } || progress.Account != options.AccountId) continue;
                await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, runId, ct).ConfigureAwait(false);
                foreach (var chunk in records.Chunk(500))
                    await destination.WriteAsync(stream, chunk, receipt: null, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await destination.DisposeAsync().ConfigureAwait(false);
        }
    }
}
