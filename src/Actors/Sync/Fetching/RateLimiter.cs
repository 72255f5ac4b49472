using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Configuration;
using Paystack.Actors.Monitoring;
using Paystack.Actors.Paystack;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>
/// The request budget of one secret key, shared by every fetcher that uses it. It grants at most <c>budget</c> permits in
/// any rolling period (a sliding log of grant times, which, unlike a refilling bucket, never lets 2x the limit through
/// across a window edge), and at most Paystack's reported limit in Paystack's (possibly shorter) window; caps pages in
/// flight; pauses every permit when Paystack answers 429 or says the budget is spent, but refuses permits rather than
/// wait longer than max-pause. The budget adapts (<see cref="RateLimiterBudget"/>): down on a 429, back up after quiet intervals.
/// </summary>
public sealed class RateLimiter : ReceiveActor, IWithTimers
{
    private const string WakeTimer = "wake";
    private const string RecoverTimer = "recover";

    /// <summary>429s this soon after an earlier one answer requests sent before it, even when its pause is shorter.</summary>
    private static readonly TimeSpan StaleAnswers = TimeSpan.FromSeconds(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RateLimitSettings _settings;
    private readonly TimeSpan _window;
    private readonly Func<DateTimeOffset> _clock;
    private readonly RateLimiterBudget _budget;
    private readonly RateLimiterLog _grants = new();

    private readonly Queue<(IActorRef Requester, DateTimeOffset Since)> _waitingPermits = new();
    private readonly Queue<(IActorRef Requester, DateTimeOffset Since)> _waitingInBackground = new();
    private readonly Queue<IActorRef> _waitingSlots = new();
    private readonly HashSet<IActorRef> _slotHolders = [];
    private DateTimeOffset? _pausedUntil;
    private DateTimeOffset _staleUntil = DateTimeOffset.MinValue;
    private (DateTimeOffset Until, RateLimiterAsk Ask, DateTimeOffset AskedAt)? _refusal;
    private long _granted;
    private long _throttled;
    private long _refused;
    private TimeSpan _totalWait;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock = null) =>
        Akka.Actor.Props.Create(() => new RateLimiter(limit, settings, clock));

    public RateLimiter(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock)
    {
        _settings = settings;
        _budget = new RateLimiterBudget(limit, settings);
        _window = WithMargin(settings.Period);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);

        Receive<AcquirePermit>(ask =>
        {
            (ask.Background ? _waitingInBackground : _waitingPermits).Enqueue((Sender, _clock()));
            GrantPermits();
        });
        Receive<AcquireSlot>(_ => { _waitingSlots.Enqueue(Sender); GrantSlots(); });
        Receive<ReleaseSlot>(_ => { Release(Sender); GrantSlots(); });
        Receive<Terminated>(t => { Release(t.ActorRef); GrantSlots(); });
        Receive<ObserveResponse>(Observe);
        Receive<Wake>(_ => GrantPermits());
        Receive<Recover>(_ => Recovered());
        Receive<GetStatus>(_ => Sender.Tell(Status()));
    }

    protected override void PreStart() => SyncMetrics.LimiterBudget(Self.Path.Name, _budget.Current);

    protected override void PostStop() => SyncMetrics.LimiterStopped(Self.Path.Name);

    /// <summary>Background attempts go only when no other attempt waits: a reconciliation never delays a run or a webhook.</summary>
    private Queue<(IActorRef Requester, DateTimeOffset Since)>? NextWaiting =>
        _waitingPermits.Count > 0 ? _waitingPermits : _waitingInBackground.Count > 0 ? _waitingInBackground : null;

    private void GrantPermits()
    {
        while (NextWaiting is { } waiting)
        {
            var now = _clock();
            if (_refusal is { } refusal && refusal.Until > now)
            {
                var (requester, _) = waiting.Dequeue();
                _refused++;
                requester.Tell(new Status.Failure(refusal.Ask.Refusal(refusal.AskedAt, _settings.MaxPause)));
                continue;
            }
            if (_pausedUntil is { } until && until > now)
            {
                ScheduleWake(until - now);
                return;
            }
            var free = FreeAt(now);
            if (free > now)
            {
                ScheduleWake(free - now);
                return;
            }
            var (granted, since) = waiting.Dequeue();
            _grants.Add(now);
            _granted++;
            _totalWait += now - since;
            SyncMetrics.PermitWaited(now - since);
            granted.Tell(PermitGranted.Instance);
        }
    }

    /// <summary>When one more grant keeps the budget per period and Paystack's limit per its window.</summary>
    private DateTimeOffset FreeAt(DateTimeOffset now)
    {
        _grants.Forget(now - _window);
        var free = _grants.FreeAt(_budget.Budget, _window, now);
        if (_budget.Burst is { } burst)
        {
            var burstFree = _grants.FreeAt(burst.Limit, WithMargin(burst.Window), now);
            if (burstFree > free) free = burstFree;
        }
        return free;
    }

    private void GrantSlots()
    {
        while (_waitingSlots.Count > 0 && _slotHolders.Count < _settings.MaxInFlight)
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
        var now = _clock();
        SyncMetrics.ResponseReceived(response.StatusCode);
        var reset = headers.Reset is { } r ? RateLimitHeaders.ResetDelay(r, now) : (TimeSpan?)null;
        var budgetBefore = _budget.Current;
        var learned = _budget.Learn(headers.Limit, reset);
        if (learned)
            _log.Info("Paystack reports a limit of {ServerLimit} requests per window (its reset reached {ServerWindowSeconds} s); the budget is {Budget} per {PeriodSeconds} s",
                _budget.ServerLimit, _budget.ServerWindow?.TotalSeconds, _budget.Current, _settings.Period.TotalSeconds);

        RateLimiterAsk? ask = null;
        if (response.StatusCode == 429)
        {
            _throttled++;
            ask = RateLimiterAsk.For429(headers, reset);
            Throttled(now, ask, learned);
        }
        else if (headers.Remaining == 0 && reset is { } spent)
        {
            ask = new RateLimiterAsk(OwnShareOf(spent, now), "X-RateLimit-Remaining: 0 with X-RateLimit-Reset");
        }

        if (_budget.Current != budgetBefore) SyncMetrics.LimiterBudget(Self.Path.Name, _budget.Current);
        if (ask is not null) Pause(ask, response.StatusCode, now);
        GrantPermits();
    }

    /// <summary>
    /// A spent budget is usually just the budget fully used by our own grants: then wait only until our oldest grant leaves
    /// the window that binds (Paystack's reset may be rounded up to whole seconds). With no grants of ours in it,
    /// something else spends this key's budget: wait for Paystack's reset.
    /// </summary>
    private TimeSpan OwnShareOf(TimeSpan reset, DateTimeOffset now)
    {
        var window = _budget.Burst is { } burst ? WithMargin(burst.Window) : _window;
        return _grants.OldestWithin(window, now) is { } oldest && oldest + window - now < reset ? oldest + window - now : reset;
    }

    /// <summary>
    /// A 429 lowers the budget, unless it answers a request sent before an earlier 429 (during that one's pause) or it
    /// is how Paystack first told a stricter limit; either way the quiet interval starts again.
    /// </summary>
    private void Throttled(DateTimeOffset now, RateLimiterAsk ask, bool learned)
    {
        if (now >= _staleUntil && !learned)
        {
            var before = _budget.Current;
            _budget.Decrease();
            _log.Warning("Paystack answered 429; the budget drops from {Budget} to {NewBudget} requests per {PeriodSeconds} s",
                before, _budget.Current, _settings.Period.TotalSeconds);
        }
        var hold = ask.Pause < _settings.MaxPause ? ask.Pause : _settings.MaxPause;
        var stale = now + (hold > StaleAnswers ? hold : StaleAnswers);
        if (stale > _staleUntil) _staleUntil = stale;
        Timers.StartSingleTimer(RecoverTimer, Recover.Instance, _settings.RecoveryInterval);
    }

    private void Pause(RateLimiterAsk ask, int statusCode, DateTimeOffset now)
    {
        if (ask.Pause > _settings.MaxPause)
        {
            var until = now + _settings.MaxPause;
            var refusing = _refusal is { } current && current.Until > now;
            _refusal = (until, ask, now);
            if (refusing) return; // the 429s of requests already on their way say the same again
            _log.Warning("Paystack asked this key to pause for {AskSeconds} s ({AskSource}), longer than max-pause {MaxPauseSeconds} s; its requests are refused until {RefusedUntil:o}",
                ask.Pause.TotalSeconds, ask.Source, _settings.MaxPause.TotalSeconds, until);
            return;
        }
        if (ask.Pause <= TimeSpan.Zero) return;
        var pausedUntil = now + ask.Pause;
        if (_pausedUntil is not null && pausedUntil <= _pausedUntil) return;
        _pausedUntil = pausedUntil;
        if (statusCode == 429)
            _log.Warning("Paystack answered 429; every request of this key waits {Pause:F1} s", ask.Pause.TotalSeconds);
        else
            _log.Debug("Paystack says the budget is spent; every request of this key waits {Pause:F3} s", ask.Pause.TotalSeconds);
    }

    private void Recovered()
    {
        if (_budget.Full) return;
        var before = _budget.Current;
        _budget.Recover();
        if (_budget.Current != before)
        {
            SyncMetrics.LimiterBudget(Self.Path.Name, _budget.Current);
            _log.Info("No 429 for {QuietSeconds} s; the budget grows from {Budget} to {NewBudget} requests per {PeriodSeconds} s",
                _settings.RecoveryInterval.TotalSeconds, before, _budget.Current, _settings.Period.TotalSeconds);
        }
        if (!_budget.Full) Timers.StartSingleTimer(RecoverTimer, Recover.Instance, _settings.RecoveryInterval);
        GrantPermits();
    }

    private LimiterStatus Status()
    {
        var now = _clock();
        return new LimiterStatus(
            _budget.Current, _settings.Period, _granted, _waitingPermits.Count + _waitingInBackground.Count, _slotHolders.Count,
            _pausedUntil > now ? _pausedUntil : null, _throttled, _totalWait,
            _budget.Configured, _budget.ServerLimit, _budget.ServerWindow,
            _refusal is { } refusal && refusal.Until > now ? refusal.Until : null, _refused);
    }

    private void ScheduleWake(TimeSpan delay) =>
        Timers.StartSingleTimer(WakeTimer, Wake.Instance, delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay);

    /// <summary>Paystack counts arrivals, we count grants; a small margin absorbs the difference in network delay.</summary>
    private static TimeSpan WithMargin(TimeSpan window)
    {
        var margin = window / 100;
        return window + (margin > TimeSpan.FromMilliseconds(100) ? margin : TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The wake-up timer: only ever sent to this actor by itself.</summary>
    private sealed record Wake : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Wake Instance { get; } = new();
        private Wake() { }
    }

    /// <summary>The end of a quiet interval: only ever sent to this actor by itself.</summary>
    private sealed record Recover : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Recover Instance { get; } = new();
        private Recover() { }
    }
}
