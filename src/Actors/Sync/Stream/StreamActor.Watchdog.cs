using Akka.Actor;
using Akka.Event;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// The StreamActor's watchdog: a run that makes no progress for <c>stall-timeout</c> (no page answered, written or
/// journaled) stops, naming what it waited for, so a server that never answers, a destination that hangs or a journal
/// that never acknowledges cannot hold a sync for ever. Its supervisor restarts it like any failed stream.
/// </summary>
public sealed partial class StreamActor : IWithTimers
{
    private sealed record Stalled : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Stalled Instance { get; } = new();
    }

    private const string WatchdogTimer = "stall";

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Something moved: the watchdog starts counting again (not while paused: a paused stream waits by design).</summary>
    private void Progressed()
    {
        if (_paused) Timers.Cancel(WatchdogTimer);
        else Timers.StartSingleTimer(WatchdogTimer, Stalled.Instance, _settings.StallTimeout);
    }

    private void WatchForStalls() => Command<Stalled>(_ =>
        Fail($"{_stream.Name} made no progress for {Configuration.HoconDuration.Format(_settings.StallTimeout)}: it waited for {WaitingFor()}",
            transient: true, null));

    private string WaitingFor() =>
        _sinkBeginning ? "the destination to prepare the stream"
        : _pages.IsWriting ? "the destination to acknowledge a write"
        : _pages.InFlight > 0 ? $"Paystack ({_pages.InFlight} pages in flight: a rate-limit permit or a response)"
        : "the journal to store progress";
}
