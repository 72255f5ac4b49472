using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Monitoring;

/// <summary>
/// Feeds <see cref="SyncMetrics"/> from one job's reports. Progress reports carry running totals, so it counts the
/// difference to the last report; a resumed stream starts from the totals it already had, and a restarted stream
/// (whose request counters start again at zero) from zero. Use one instance per job.
/// </summary>
/// <param name="account">The account the job syncs: every measurement carries it as its <c>account</c> label.</param>
public sealed class MetricsObserver(string account, TimeProvider? clock = null) : ISyncObserver
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, StreamStats> _last = new(StringComparer.Ordinal);

    public void StreamStarted(StreamReports.Started started)
    {
        _last[started.Stream] = started.Stats;
        SyncMetrics.StreamAdvanced(account, started.Stream, 0, 0, 0, 0, 0); // the stream's counters exist from now on
    }

    public void Progress(StreamReports.Progress progress) => Advance(progress.Stream, progress.Stats);

    public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay)
    {
        SyncMetrics.StreamRestarted(account, failure.Stream);
        SyncMetrics.FetchersInFlight(account, failure.Stream, 0);
    }

    public void Checkpoint(StreamReports.Checkpoint checkpoint)
    {
        if (CursorFormat.TryParse(checkpoint.Cursor, out var cursor)) SyncMetrics.CursorAdvanced(account, checkpoint.Stream, cursor);
    }

    public void StreamFinished(StreamOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            Advance(outcome.Stream, outcome.Stats);
            if (CursorFormat.TryParse(outcome.Cursor, out var cursor)) SyncMetrics.CursorAdvanced(account, outcome.Stream, cursor);
            SyncMetrics.StreamSucceeded(account, outcome.Stream, _clock.GetUtcNow());
        }
        SyncMetrics.FetchersInFlight(account, outcome.Stream, 0);
        SyncMetrics.StreamFinished(account, outcome.Stream, outcome.Succeeded, outcome.Duration);
    }

    private void Advance(string stream, StreamStats now)
    {
        var before = _last.GetValueOrDefault(stream) ?? StreamStats.Empty;
        SyncMetrics.StreamAdvanced(account, stream,
            Delta(before.Records, now.Records), Delta(before.Pages, now.Pages), Delta(before.Requests, now.Requests),
            Delta(before.Retries, now.Retries), Delta(before.RateLimited, now.RateLimited));
        SyncMetrics.FetchersInFlight(account, stream, now.PagesInFlight);
        _last[stream] = now;
    }

    /// <summary>A total that went down belongs to a fresh actor: everything it reports is new.</summary>
    private static long Delta(long before, long now) => now >= before ? now - before : now;
}
