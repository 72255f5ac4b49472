using Paystack.Actors.Sync;

namespace Paystack.Bench.Startup;

/// <summary>Timestamps the engine's reports: the first stream under way and the last one finished.</summary>
public sealed class TimedObserver(int streams) : ISyncObserver
{
    public void StreamStarted(StreamReports.Started started)
    {
        StartupTrace.Current?.Once("engine: first stream started (plan persisted, destination ready)");
        StartupTrace.Current?.OnCount("engine: every stream started", streams);
    }

    public void StreamFinished(StreamOutcome outcome) => StartupTrace.Current?.OnCount("engine: every stream finished", streams);
}
