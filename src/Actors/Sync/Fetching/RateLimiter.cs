using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Configuration;
using Paystack.Actors.Monitoring;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// The request budget of one secret key, shared by every fetcher that uses it. It grants at most <c>limit</c> permits in
/// any rolling period (a sliding log of grant times, which, unlike a refilling bucket, never lets 2x the limit through
/// across a window edge), caps pages in flight, and pauses every permit when Paystack answers 429 or says the budget is spent.
/// </summary>
public sealed class RateLimiter : ReceiveActor, IWithTimers
{
    private const string WakeTimer = "wake";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _period;
    private readonly int _maxInFlight;
    private readonly Func<DateTimeOffset> _clock;
    private int _limit;

    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly Queue<(IActorRef Requester, DateTimeOffset Since)> _waitingPermits = new();
    private readonly Queue<IActorRef> _waitingSlots = new();
    private readonly HashSet<IActorRef> _slotHolders = [];
    private DateTimeOffset? _pausedUntil;
    private long _granted;
    private long _throttled;
    private TimeSpan _totalWait;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock = null) =>
        Akka.Actor.Props.Create(() => new RateLimiter(limit, settings, clock));

    public RateLimiter(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock)
    {
        _limit = limit;
        // Paystack counts arrivals, we count grants; a small margin absorbs the difference in network delay.
        _period = settings.Period + Max(TimeSpan.FromMilliseconds(100), settings.Period / 100);
        _maxInFlight = settings.MaxInFlight;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);

        Receive<AcquirePermit>(_ => { _waitingPermits.Enqueue((Sender, _clock())); GrantPermits(); });
        Receive<AcquireSlot>(_ => { _waitingSlots.Enqueue(Sender); GrantSlots(); });
        Receive<ReleaseSlot>(_ => { Release(Sender); GrantSlots(); });
        Receive<Terminated>(t => { Release(t.ActorRef); GrantSlots(); });
        Receive<ObserveResponse>(Observe);
        Receive<Wake>(_ => GrantPermits());
        Receive<GetStatus>(_ => Sender.Tell(new LimiterStatus(
            _limit, settings.Period, _granted, _waitingPermits.Count, _slotHolders.Count,
            _pausedUntil > _clock() ? _pausedUntil : null, _throttled, _totalWait)));
    }

    private void GrantPermits()
    {
        while (_waitingPermits.Count > 0)
        {
            var now = _clock();
            if (_pausedUntil is { } until && until > now)
            {
                ScheduleWake(until - now);
                return;
            }
            if (GrantsInWindow() >= _limit)
            {
                ScheduleWake(_grants.Peek() + _period - now);
                return;
            }
            var (requester, since) = _waitingPermits.Dequeue();
            _grants.Enqueue(now);
            _granted++;
            _totalWait += now - since;
            SyncMetrics.PermitWaited(now - since);
            requester.Tell(PermitGranted.Instance);
        }
    }

    private int GrantsInWindow()
    {
        var since = _clock() - _period;
        while (_grants.Count > 0 && _grants.Peek() <= since) _grants.Dequeue();
        return _grants.Count;
    }

    private void GrantSlots()
    {
        while (_waitingSlots.Count > 0 && _slotHolders.Count < _maxInFlight)
        {
            var fetcher = _waitingSlots.Dequeue();
            if (!_slotHolders.Add(fetcher)) continue;
            Context.Watch(fetcher);
            fetcher.Tell(SlotGranted.Instance);
        }
    }

    private void Release(IActorRef fetcher)
    {
        if (_slotHolders.Remove(fetcher)) Context.Unwatch(fetcher);
    }

    private void Observe(ObserveResponse response)
    {
        var headers = response.Headers;
        SyncMetrics.ResponseReceived(response.StatusCode);
        if (headers.Limit is { } serverLimit && serverLimit > 0 && serverLimit < _limit)
        {
            _log.Info("Paystack reports a limit of {ServerLimit} requests per window; lowering the budget from {Limit}", serverLimit, _limit);
            _limit = serverLimit;
        }

        TimeSpan? pause = null;
        if (response.StatusCode == 429)
        {
            _throttled++;
            pause = headers.RetryAfter ?? headers.Reset ?? TimeSpan.FromSeconds(1);
        }
        else if (headers.Remaining == 0 && headers.Reset is { } reset)
        {
            // A spent budget is usually just the budget fully used by our own grants: then wait only until our oldest
            // grant leaves the window (Paystack's reset may be rounded up to whole seconds). With no grants of ours in
            // the window, something else spends this key's budget: wait for Paystack's reset.
            pause = GrantsInWindow() == 0 ? reset : Min(reset, _grants.Peek() + _period - _clock());
        }

        if (pause is { } delay && delay > TimeSpan.Zero)
        {
            var until = _clock() + delay;
            if (_pausedUntil is null || until > _pausedUntil)
            {
                _pausedUntil = until;
                if (response.StatusCode == 429)
                    _log.Warning("Paystack answered 429; every request of this key waits {Pause:F1} s", delay.TotalSeconds);
                else
                    _log.Debug("Paystack says the budget is spent; every request of this key waits {Pause:F3} s", delay.TotalSeconds);
            }
        }
        GrantPermits();
    }

    private void ScheduleWake(TimeSpan delay) =>
        Timers.StartSingleTimer(WakeTimer, Wake.Instance, delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The wake-up timer: only ever sent to this actor by itself.</summary>
    private sealed record Wake : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Wake Instance { get; } = new();
        private Wake() { }
    }
}
