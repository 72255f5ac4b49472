using Paystack.Actors.Sync;

namespace Paystack.Actors.Monitoring;

/// <summary>Hands every report to several observers, in order.</summary>
public sealed class CompositeSyncObserver(params IReadOnlyList<ISyncObserver> observers) : ISyncObserver
{
    public void StreamStarted(StreamReports.Started started) { foreach (var o in observers) o.StreamStarted(started); }

    public void Progress(StreamReports.Progress progress) { foreach (var o in observers) o.Progress(progress); }

    public void Checkpoint(StreamReports.Checkpoint checkpoint) { foreach (var o in observers) o.Checkpoint(checkpoint); }

    public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay)
    {
        foreach (var o in observers) o.StreamRetrying(failure, attempt, delay);
    }

    public void StreamFinished(StreamOutcome outcome) { foreach (var o in observers) o.StreamFinished(outcome); }
}
