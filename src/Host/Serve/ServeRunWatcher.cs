using Paystack.Actors.Engine;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;
using Serilog;
using SyncMode = Paystack.Actors.State.SyncMode;

namespace Paystack.Host.Serve;

/// <summary>How serve watches its runs: a <see cref="StreamStatusObserver"/> per run for the admin status, and the log lines of each run.</summary>
internal sealed class ServeRunWatcher(SyncRequest request, ILogger log) : IRunWatcher
{
    public ISyncObserver RunStarting(string reason, SyncJob job)
    {
        log.Information("Run started ({Reason}) of account {Account}: {Streams} into {Destination}, {Mode}, {SyncMode}",
            reason, request.Source.AccountId, string.Join(",", job.Streams.Select(s => s.Stream.Name)), request.Destination.ToString(),
            request.WriteMode.ToString(), request.Mode == SyncMode.FullRefresh ? "full refresh" : "incremental");
        return new StreamStatusObserver(job.Streams);
    }

    /// <summary>Shown at once: a paused stream may report nothing more until it is resumed.</summary>
    public void PauseChanged(AccountRun run, string stream, bool paused) =>
        (run.Observer as StreamStatusObserver)?.SetPaused(stream, paused);

    public void RunFinished(FinishedRun finished)
    {
        var seconds = finished.Duration.TotalSeconds;
        switch (finished)
        {
            case { Outcome: { } outcome }:
                log.Information("Run {RunId} of account {Account} {State} in {Seconds:F1} s: {Records} records",
                    outcome.RunId, request.Source.AccountId, finished.EndLabel, seconds, outcome.Streams.Sum(s => s.Stats.Records));
                break;
            case { End: RunEnd.Skipped }:
                log.Warning("Run skipped: {Reason}", finished.Error);
                break;
            case { End: RunEnd.Cancelled }:
                log.Warning("Run cancelled after {Seconds:F1} s (account {Account}); its journal holds every durable page and the next run resumes it",
                    seconds, request.Source.AccountId);
                break;
            default:
                log.Error(finished.Exception, "Run failed (account {Account}): {Message}", request.Source.AccountId, finished.Error);
                break;
        }
    }
}
