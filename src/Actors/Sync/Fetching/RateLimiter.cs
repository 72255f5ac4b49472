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
/// wait longer than max-pause. Its window is Paystack's plus a margin learned from Paystack's answers
/// (<see cref="RateLimiterMargin"/>): a 429 the key's own grants explain, had they been counted over a wider window,
/// widens the margin; a 429 the widest margin cannot explain lowers the budget (<see cref="RateLimiterBudget"/>), which
/// grows back after quiet intervals.
/// </summary>
public sealed class RateLimiter : ReceiveActor, IWithTimers
{
    private const string WakeTimer = "wake";
    private const string RecoverTimer = "recover";
    private const string DrainTimer = "drain";
    private const string NarrowTimer = "narrow";

    /// <summary>A grant is taken up as soon as its requester has it; one not taken up this long after went to a requester that gave up.</summary>
    private static readonly TimeSpan UntakenGrace = TimeSpan.FromSeconds(1);

    /// <summary>429s this soon after an earlier one answer requests sent before it, even when its pause is shorter.</summary>
    private static readonly TimeSpan StaleAnswers = TimeSpan.FromSeconds(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RateLimitSettings _settings;
    private readonly Func<DateTimeOffset> _clock;
    private readonly RateLimiterBudget _budget;
    private readonly RateLimiterMargin _margin;
    private readonly RateLimiterLog _grants = new();
    private readonly HashSet<long> _coldGrants = [];
    private readonly UnansweredGrants _unanswered = new();
    private readonly List<IActorRef> _drainers = [];

    private readonly Queue<(IActorRef Requester, DateTimeOffset Since)> _waitingPermits = new();
    private readonly Queue<(IActorRef Requester, DateTimeOffset Since)> _waitingInBackground = new();
    private readonly Queue<IActorRef> _waitingSlots = new();
    private readonly HashSet<IActorRef> _slotHolders = [];
    private DateTimeOffset? _pausedUntil;
    private DateTimeOffset _staleUntil = DateTimeOffset.MinValue;
    private (DateTimeOffset Until, RateLimiterAsk Ask, DateTimeOffset AskedAt)? _refusal;
    private bool _answered;
    private long _granted;
    private long _throttled;
    private long _refused;
    private TimeSpan _totalWait;
    private bool _draining;
    private DateTimeOffset? _lastAnswered;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="holdFirstWindow">
    /// Grant nothing for one period after starting: the key's grants by a RateLimiter that just ended elsewhere (a
    /// cluster node lost, its account moved here) are unknown, and only a full period later can none share a window.
    /// </param>
    public static Props Props(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock = null, bool holdFirstWindow = false) =>
        Akka.Actor.Props.Create(() => new RateLimiter(limit, settings, clock, holdFirstWindow));

    public RateLimiter(int limit, RateLimitSettings settings, Func<DateTimeOffset>? clock, bool holdFirstWindow)
    {
        _settings = settings;
        _budget = new RateLimiterBudget(limit, settings);
        _margin = new RateLimiterMargin(settings);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        // Whatever margin the key's previous limiter had learned, its grants are gone from the widest window.
        if (holdFirstWindow) _pausedUntil = _clock() + settings.WidestCountedWindow(settings.Period);

        Receive<AcquirePermit>(ask =>
        {
            (ask.Background ? _waitingInBackground : _waitingPermits).Enqueue((Sender, _clock()));
            GrantPermits();
        });
        Receive<AcquireSlot>(_ => { _waitingSlots.Enqueue(Sender); GrantSlots(); });
        Receive<ReleaseSlot>(_ => { Release(Sender); GrantSlots(); });
        Receive<Terminated>(t => { Release(t.ActorRef); GrantSlots(); });
        Receive<PermitTaken>(taken =>
        {
            _grants.Postpone(taken.Id, _clock());
            _unanswered.Taken(taken.Id);
        });
        Receive<ObserveResponse>(Observe);
        Receive<PermitAbandoned>(abandoned => Answered(abandoned.Id));
        Receive<Drain>(_ => { _draining = true; _drainers.Add(Sender); ReplyIfDrained(); });
        Receive<DrainCheck>(_ => ReplyIfDrained());
        Receive<Wake>(_ => GrantPermits());
        Receive<Recover>(_ => Recovered());
        Receive<NarrowMargin>(_ => Narrowed());
        Receive<GetStatus>(_ => Sender.Tell(Status()));
    }

    protected override void PreStart() => SyncMetrics.LimiterBudget(Self.Path.Name, _budget.Current);

    protected override void PostStop() => SyncMetrics.LimiterStopped(Self.Path.Name);

    /// <summary>Background attempts go only when no other attempt waits: a reconciliation never delays a run or a webhook.</summary>
    private Queue<(IActorRef Requester, DateTimeOffset Since)>? NextWaiting =>
        _waitingPermits.Count > 0 ? _waitingPermits : _waitingInBackground.Count > 0 ? _waitingInBackground : null;

    private void GrantPermits()
    {
        // A key being handed over grants nothing more; its waiting attempts wait for their run's cancellation.
        if (_draining) return;
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
            _granted++;
            var id = _granted;
            _grants.Add(now, id);
            _unanswered.LetGoUntaken(now, UntakenGrace); // so grants to requesters that gave up do not pile up
            _unanswered.Granted(id, now);
            if (!_answered) _coldGrants.Add(id);
            _totalWait += now - since;
            SyncMetrics.PermitWaited(now - since);
            granted.Tell(new PermitGranted(id));
        }
    }

    /// <summary>When one more grant keeps the budget per period and Paystack's limit per its window.</summary>
    private DateTimeOffset FreeAt(DateTimeOffset now)
    {
        // Kept for the widest window the margin can reach, so a 429 can be checked against it.
        _grants.Forget(now - _settings.WidestCountedWindow(_settings.Period));
        var free = _grants.FreeAt(_budget.Budget, _margin.CountedWindow(_settings.Period), now);
        if (_budget.Burst is { } burst)
        {
            var burstFree = _grants.FreeAt(burst.Limit, _margin.CountedWindow(burst.Window), now);
            if (burstFree > free) free = burstFree;
        }
        return free;
    }

    /// <summary>The limit that binds and Paystack's window it holds in: Paystack's own when lower than the budget.</summary>
    private (int Limit, TimeSpan Window) Binding => _budget.Burst is { } burst ? burst : (_budget.Budget, _settings.Period);

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
        // A request sent before any answer came back went out on a cold client (code not yet compiled, connections not
        // yet open) and may have reached Paystack long after its grant: it counts until its answer, the latest it
        // can have arrived.
        if (_coldGrants.Remove(response.Permit)) _grants.Postpone(response.Permit, now);
        _answered = true;
        Answered(response.Permit);
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
            Throttled(now, ask, learned, response.Permit);
        }
        else
        {
            if (headers is { Limit: { } limit, Remaining: { } remaining } && CountedMoreThanGranted(response.Permit, limit - remaining, now))
                WidenMargin(now, $"X-RateLimit-Remaining {remaining} of {limit} counts more requests than this key's grants in its window");
            if (headers.Remaining == 0 && reset is { } spent)
                ask = new RateLimiterAsk(OwnShareOf(spent, now), "X-RateLimit-Remaining: 0 with X-RateLimit-Reset");
        }

        if (_budget.Current != budgetBefore) SyncMetrics.LimiterBudget(Self.Path.Name, _budget.Current);
        if (ask is not null) Pause(ask, response.StatusCode, now);
        GrantPermits();
    }

    /// <summary>
    /// Grant <paramref name="id"/>'s attempt was answered or abandoned: Paystack has seen it (or never will), the latest
    /// moment it can have arrived. A <see cref="Drain"/> waits for every grant to get here.
    /// </summary>
    private void Answered(long id)
    {
        if (!_unanswered.Answered(id)) return;
        _lastAnswered = _clock();
        ReplyIfDrained();
    }

    private void ReplyIfDrained()
    {
        if (!_draining || _drainers.Count == 0) return;
        var now = _clock();
        if (_unanswered.LetGoUntaken(now, UntakenGrace) is { } next) Timers.StartSingleTimer(DrainTimer, DrainCheck.Instance, next - now);
        if (_unanswered.Count > 0) return;
        foreach (var drainer in _drainers) drainer.Tell(new Drained(_granted, _lastAnswered));
        _drainers.Clear();
    }

    /// <summary>
    /// A spent budget is usually just the budget fully used by our own grants: then wait only until our oldest grant leaves
    /// the window that binds (Paystack's reset may be rounded up to whole seconds). With no grants of ours in it,
    /// something else spends this key's budget: wait for Paystack's reset.
    /// </summary>
    private TimeSpan OwnShareOf(TimeSpan reset, DateTimeOffset now)
    {
        var window = _margin.CountedWindow(Binding.Window);
        return _grants.OldestWithin(window, now) is { } oldest && oldest + window - now < reset ? oldest + window - now : reset;
    }

    /// <summary>
    /// A 429 lowers the budget, unless it answers a request sent before an earlier 429 (during that one's pause), it
    /// is how Paystack first told a stricter limit, or the margin explains it (then the margin widens instead); when
    /// the budget drops the quiet interval starts again.
    /// </summary>
    private void Throttled(DateTimeOffset now, RateLimiterAsk ask, bool learned, long permit)
    {
        var margin = learned ? MarginVerdict.NotExplained : ExplainedByMargin(permit, now);
        if (margin == MarginVerdict.Explained)
            WidenMargin(now, "Paystack answered 429 to a request its own grants would not have sent with a wider margin");
        if (now >= _staleUntil && !learned && margin == MarginVerdict.NotExplained)
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

    private enum MarginVerdict { NotExplained, Explained, AlreadyWidened }

    /// <summary>
    /// Whether the 429 to grant <paramref name="permit"/> is the margin's fault: counted over the widest window the
    /// margin can reach, the key's own grants from before it up to now exceed the limit that binds, so a request of
    /// ours that left the counted window, delayed on its way, can have been the one too many. A grant made before the
    /// margin last widened was judged against the narrower margin and says nothing more. An unknown grant (forgotten,
    /// or a 429 not tied to one) or a margin already at its widest is not explained: the budget pays.
    /// </summary>
    private MarginVerdict ExplainedByMargin(long permit, DateTimeOffset now)
    {
        if (_grants.TimeOf(permit) is not { } sent) return MarginVerdict.NotExplained;
        var (limit, window) = Binding;
        if (!_margin.CanWiden(window)) return MarginVerdict.NotExplained;
        if (_grants.CountAfter(sent - _margin.WidestWindow(window)) <= limit) return MarginVerdict.NotExplained;
        return sent <= _margin.WidenedAt ? MarginVerdict.AlreadyWidened : MarginVerdict.Explained;
    }

    /// <summary>
    /// Whether Paystack counted <paramref name="counted"/> requests in the window of grant <paramref name="permit"/>,
    /// more than the key granted in its counted window up to now (later grants included, as they may have arrived
    /// first): a request of ours arrived later than the margin allows for, or another client spends the key.
    /// </summary>
    private bool CountedMoreThanGranted(long permit, int counted, DateTimeOffset now)
    {
        if (_grants.TimeOf(permit) is not { } sent || sent <= _margin.WidenedAt) return false;
        var window = _margin.CountedWindow(Binding.Window);
        return counted > _grants.CountAfter(sent - window);
    }

    private void WidenMargin(DateTimeOffset now, string evidence)
    {
        var window = Binding.Window;
        var before = _margin.Of(window);
        if (!_margin.Widen(window, now)) return;
        _log.Info("{Evidence}; the margin over Paystack's {WindowSeconds} s window widens from {MarginMs} to {NewMarginMs} ms",
            evidence, window.TotalSeconds, before.TotalMilliseconds, _margin.Of(window).TotalMilliseconds);
        Timers.StartSingleTimer(NarrowTimer, NarrowMargin.Instance, _margin.NarrowInterval);
    }

    private void Narrowed()
    {
        var window = Binding.Window;
        var before = _margin.Of(window);
        if (!_margin.Narrow(_clock())) return;
        _log.Info("No sign of a too narrow margin for {QuietSeconds} s; the margin over Paystack's {WindowSeconds} s window narrows from {MarginMs} to {NewMarginMs} ms",
            _margin.NarrowInterval.TotalSeconds, window.TotalSeconds, before.TotalMilliseconds, _margin.Of(window).TotalMilliseconds);
        if (!_margin.AtFloor) Timers.StartSingleTimer(NarrowTimer, NarrowMargin.Instance, _margin.NarrowInterval);
        GrantPermits();
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
            _refusal is { } refusal && refusal.Until > now ? refusal.Until : null, _refused)
        {
            Margin = _margin.Of(Binding.Window),
        };
    }

    private void ScheduleWake(TimeSpan delay) =>
        Timers.StartSingleTimer(WakeTimer, Wake.Instance, delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay);

    /// <summary>The wake-up timer: only ever sent to this actor by itself.</summary>
    private sealed record Wake : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Wake Instance { get; } = new();
        private Wake() { }
    }

    /// <summary>A grant not taken up reaches the end of its grace during a drain: only ever sent to this actor by itself.</summary>
    private sealed record DrainCheck : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static DrainCheck Instance { get; } = new();
        private DrainCheck() { }
    }

    /// <summary>The end of a clean stretch for the margin: only ever sent to this actor by itself.</summary>
    private sealed record NarrowMargin : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static NarrowMargin Instance { get; } = new();
        private NarrowMargin() { }
    }

    /// <summary>The end of a quiet interval: only ever sent to this actor by itself.</summary>
    private sealed record Recover : IDeadLetterSuppression, INoSerializationVerificationNeeded
    {
        public static Recover Instance { get; } = new();
        private Recover() { }
    }
}
