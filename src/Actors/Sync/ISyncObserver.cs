namespace Paystack.Actors.Sync;

/// <summary>
/// Watches a job as it runs: the CLI's progress lines, the Airbyte STATE and TRACE messages, the admin endpoint.
/// Calls come one at a time from a single actor, so an observer needs no locking of its own, but must return quickly.
/// </summary>
public interface ISyncObserver
{
    void StreamStarted(StreamReports.Started started) { }
    void Progress(StreamReports.Progress progress) { }
    /// <summary>The stream's cursor advanced; every record it covers was written before this call.</summary>
    void Checkpoint(StreamReports.Checkpoint checkpoint) { }
    void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay) { }
    /// <summary>The stream failed for good (just before <see cref="StreamFinished"/>); the cause tells a rejected key from an outage.</summary>
    void StreamFailed(StreamReports.Failed failure) { }
    void StreamFinished(StreamOutcome outcome) { }
}
