namespace Paystack.Actors.Reconciliation;

/// <summary>What one reconciliation found, per stream.</summary>
/// <param name="From">The start of the window re-read (records created from then on).</param>
public sealed record ReconcileReport(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, DateTimeOffset From, IReadOnlyList<StreamReconciled> Streams)
{
    /// <summary>Records found changed that no webhook had brought in, over all streams.</summary>
    public long Changed => Streams.Sum(s => s.Changed);
}

/// <param name="Read">Records re-read from Paystack in the window.</param>
/// <param name="Changed">Records whose stored row differed: changes no webhook had announced (or not yet applied).</param>
/// <param name="Missing">Records the table lacked (created since the last run, or missed).</param>
/// <param name="Skipped">Why the stream was not reconciled, when it was not.</param>
public sealed record StreamReconciled(string Stream, long Read, long Changed, long Missing, string? Skipped = null);
