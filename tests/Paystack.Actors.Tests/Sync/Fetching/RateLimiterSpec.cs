using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>
/// The RateLimiter's budget on virtual time: its clock is the TestScheduler's and its wake-up timer fires only when the
/// spec advances that scheduler, so "not a tick before" and "exactly then" are exact.
/// </summary>
public sealed class RateLimiterSpec() : TestKit(ActorSpecs.VirtualTime)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    /// <summary>The rolling window the limiter counts grants in: the period plus its default margin (0.5 %, or the learned margin, at first its 10 ms floor).</summary>
    private static readonly TimeSpan Window = Period + TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Limiter(int limit) =>
        Sys.ActorOf(RateLimiter.Props(limit, new RateLimitSettings(limit, limit, Period, MaxInFlight: 4), () => Sys.Scheduler.Now));

    private static async Task<LimiterStatus> Status(IActorRef limiter) =>
        await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3));

    [Fact]
    public async Task The_next_grant_comes_exactly_when_the_oldest_grant_leaves_the_window()
    {
        var limiter = Limiter(2);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<PermitGranted>();
        Scheduler.Advance(TimeSpan.FromSeconds(3));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<PermitGranted>();

        limiter.Tell(AcquirePermit.Instance, TestActor); // the third of the window waits for the first to leave it
        limiter.Tell(AcquirePermit.Instance, TestActor); // the fourth for the second
        Assert.Equal((2, 2), await GrantedAndWaiting(limiter));

        Scheduler.AdvanceTo(start + Window - Tick);
        Assert.Equal((2, 2), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
        Assert.Equal((3, 1), await GrantedAndWaiting(limiter));

        Scheduler.AdvanceTo(start + TimeSpan.FromSeconds(3) + Window - Tick);
        Assert.Equal((3, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
        Assert.Equal((4, 0), await GrantedAndWaiting(limiter));
    }

    [Fact]
    public async Task A_limiter_that_takes_over_a_key_grants_nothing_for_its_first_window()
    {
        var start = Sys.Scheduler.Now;
        var limiter = Sys.ActorOf(RateLimiter.Props(
            2, new RateLimitSettings(2, 2, Period, MaxInFlight: 4), () => Sys.Scheduler.Now, holdFirstWindow: true));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal((0, 1), await GrantedAndWaiting(limiter));

        // Whatever margin the previous owner had learned: the period plus the widest margin (250 ms).
        Scheduler.AdvanceTo(start + Period + TimeSpan.FromMilliseconds(250) - Tick);
        Assert.Equal((0, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task No_window_ever_holds_more_than_the_limit_and_no_request_waits_longer_than_it_must()
    {
        const int limit = 3;
        var step = TimeSpan.FromMilliseconds(50);
        var limiter = Limiter(limit);
        var start = Sys.Scheduler.Now;
        var arrivals = new List<TimeSpan>();
        var grants = new List<TimeSpan>();

        // A request every 700 ms for 21 s, against a budget of 3 per 10.05 s; time moves in steps of 50 ms.
        for (var now = TimeSpan.Zero; grants.Count < 30; now += step)
        {
            if (arrivals.Count < 30 && now.Ticks % TimeSpan.FromMilliseconds(700).Ticks == 0)
            {
                arrivals.Add(now);
                limiter.Tell(AcquirePermit.Instance, TestActor);
            }
            var granted = (await Status(limiter)).Granted; // every grant due by now is made
            while (grants.Count < granted) grants.Add(now);
            Assert.True(now < TimeSpan.FromSeconds(200), "the limiter stalled");
            Scheduler.AdvanceTo(start + now + step);
        }

        for (var i = 0; i < grants.Count; i++)
        {
            // Never a (limit + 1)th grant within one window of an earlier one ...
            if (i >= limit) Assert.True(grants[i] - grants[i - limit] >= Window, $"grant {i} at {grants[i]} after {grants[i - limit]}");
            // ... and every request granted as soon as that allows, in arrival order.
            var due = i >= limit && grants[i - limit] + Window > arrivals[i] ? grants[i - limit] + Window : arrivals[i];
            Assert.Equal(due, grants[i]);
        }
        for (var i = 0; i < 30; i++) await ExpectMsgAsync<PermitGranted>();
    }

    [Theory]
    [InlineData(30_000, null, 30_000)] // Retry-After
    [InlineData(null, 20_000, 20_000)] // no Retry-After: the reset
    [InlineData(null, null, 1_000)] // neither: a second
    public async Task A_429_pauses_every_permit_of_the_key_until_its_retry_after(int? retryAfterMs, int? resetMs, int pauseMs)
    {
        var limiter = Limiter(100);
        var start = Sys.Scheduler.Now;
        var pause = TimeSpan.FromMilliseconds(pauseMs);
        var fetchers = new[] { CreateTestProbe(), CreateTestProbe() };

        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(100, 99,
            resetMs is { } r ? TimeSpan.FromMilliseconds(r) : null,
            retryAfterMs is { } a ? TimeSpan.FromMilliseconds(a) : null)));
        foreach (var fetcher in fetchers) limiter.Tell(AcquirePermit.Instance, fetcher);

        var status = await Status(limiter);
        Assert.Equal(((DateTimeOffset?)(start + pause), 1L, 0L, 2), (status.PausedUntil, status.Throttled, status.Granted, status.Waiting));

        Scheduler.Advance(pause - Tick);
        Assert.Equal((0, 2), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        foreach (var fetcher in fetchers) await fetcher.ExpectMsgAsync<PermitGranted>();
        Assert.Null((await Status(limiter)).PausedUntil);
    }

    [Fact]
    public async Task A_budget_spent_elsewhere_pauses_every_permit_until_the_reset()
    {
        var limiter = Limiter(100);
        var reset = TimeSpan.FromSeconds(7);
        // No grant of ours in the window, yet Paystack says nothing remains: another client spends this key.
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(100, 0, reset, null)));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal((0, 1), await GrantedAndWaiting(limiter));

        Scheduler.Advance(reset - Tick);
        Assert.Equal((0, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task Background_attempts_wait_while_any_other_attempt_waits_and_take_what_is_left()
    {
        var limiter = Limiter(1);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<PermitGranted>();
        var background = CreateTestProbe();
        var foreground = CreateTestProbe();

        // The budget is spent: a reconciliation asks first, a run's page after it.
        limiter.Tell(AcquirePermit.InBackground, background);
        limiter.Tell(AcquirePermit.Instance, foreground);
        Assert.Equal((1, 2), await GrantedAndWaiting(limiter));

        Scheduler.AdvanceTo(start + Window);
        await foreground.ExpectMsgAsync<PermitGranted>();
        await background.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Scheduler.AdvanceTo(start + 2 * Window);
        await background.ExpectMsgAsync<PermitGranted>();
        Assert.Equal((3, 0), await GrantedAndWaiting(limiter));
    }

    [Theory]
    [InlineData(60_000, 60_300, 0.995)] // Paystack's period: 0.5 % more, so 0.995 of the budget steadily
    [InlineData(30_000, 30_150, 0.995)]
    [InlineData(10_000, 10_050, 0.995)]
    [InlineData(1_000, 1_010, 0.99)] // periods under 2 s (tests, a sandbox) meet the learned margin's 10 ms floor
    public async Task Under_steady_demand_the_whole_budget_comes_back_every_period_and_its_margin(int periodMs, int countedMs, double share)
    {
        const int limit = 20;
        var period = TimeSpan.FromMilliseconds(periodMs);
        var counted = TimeSpan.FromMilliseconds(countedMs);
        var limiter = Sys.ActorOf(RateLimiter.Props(limit, new RateLimitSettings(limit, limit, period, MaxInFlight: 4), () => Sys.Scheduler.Now));
        var start = Sys.Scheduler.Now;
        for (var i = 0; i < 5 * limit; i++) limiter.Tell(AcquirePermit.Instance, TestActor);

        for (var round = 1; round < 5; round++)
        {
            Assert.Equal((round * limit, (5 - round) * limit), await GrantedAndWaiting(limiter));
            Scheduler.AdvanceTo(start + round * counted - Tick);
            Assert.Equal(round * limit, (await GrantedAndWaiting(limiter)).Granted);
            Scheduler.Advance(Tick);
        }
        Assert.Equal((5 * limit, 0), await GrantedAndWaiting(limiter));
        Assert.True(period / counted >= share, $"{period / counted:0.0000} of the budget, below {share}");
    }

    [Fact]
    public async Task A_grant_taken_up_late_counts_from_when_its_request_went()
    {
        var limiter = Limiter(1);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        var granted = await ExpectMsgAsync<PermitGranted>();
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = granted.Id }); // the client is warm
        Assert.Equal((1, 0), await GrantedAndWaiting(limiter));
        Scheduler.Advance(TimeSpan.FromSeconds(3)); // the requester stalled before sending
        limiter.Tell(new PermitTaken(granted.Id));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal((1, 1), await GrantedAndWaiting(limiter)); // both taken in at the virtual now

        Scheduler.AdvanceTo(start + TimeSpan.FromSeconds(3) + Window - Tick);
        Assert.Equal((1, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task Grants_made_before_any_answer_count_until_their_answer_and_later_ones_from_their_grant()
    {
        var limiter = Limiter(2);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        var first = await ExpectMsgAsync<PermitGranted>();
        var second = await ExpectMsgAsync<PermitGranted>();

        // The first request, on a cold client, is answered 2 s later: it may have reached Paystack just before that.
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = first.Id });
        limiter.Tell(AcquirePermit.Instance, TestActor);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal((2, 2), await GrantedAndWaiting(limiter));

        Scheduler.AdvanceTo(start + Window); // the second, still unanswered, counts from its grant
        var third = await ExpectMsgAsync<PermitGranted>();
        Assert.Equal((3, 1), await GrantedAndWaiting(limiter));
        Scheduler.AdvanceTo(start + TimeSpan.FromSeconds(2) + Window - Tick);
        Assert.Equal((3, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();

        // The client is warm now: a later answer leaves its grant where it was.
        Scheduler.Advance(TimeSpan.FromSeconds(4));
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = third.Id });
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal((4, 1), await GrantedAndWaiting(limiter));
        Scheduler.AdvanceTo(start + 2 * Window - Tick);
        Assert.Equal((4, 1), await GrantedAndWaiting(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task A_drained_limiter_grants_nothing_more_and_answers_once_every_grant_was_answered_or_abandoned()
    {
        var limiter = Limiter(5);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        var first = await ExpectMsgAsync<PermitGranted>();
        var second = await ExpectMsgAsync<PermitGranted>();
        limiter.Tell(new PermitTaken(first.Id));
        limiter.Tell(new PermitTaken(second.Id));

        var drainer = CreateTestProbe();
        limiter.Tell(Drain.Instance, drainer);
        limiter.Tell(AcquirePermit.Instance, TestActor); // within budget, yet the key is being handed over
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = first.Id });
        Assert.Equal((2, 1), await GrantedAndWaiting(limiter));
        await drainer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the second request may still be on its way

        Scheduler.Advance(TimeSpan.FromSeconds(1));
        limiter.Tell(new PermitAbandoned(second.Id)); // a timeout or a cancellation: no answer will come
        var drained = await drainer.ExpectMsgAsync<Drained>();
        Assert.Equal(new Drained(2, start + TimeSpan.FromSeconds(2)), drained);
        Scheduler.Advance(Window);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal((2, 1), await GrantedAndWaiting(limiter));
    }

    [Fact]
    public async Task A_drain_waits_for_a_grant_taken_up_but_not_for_one_its_requester_never_took_up()
    {
        var limiter = Limiter(5);
        var start = Sys.Scheduler.Now;
        limiter.Tell(AcquirePermit.Instance, TestActor);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        var taken = await ExpectMsgAsync<PermitGranted>();
        await ExpectMsgAsync<PermitGranted>(); // its requester gave up waiting: never taken up, never answered
        limiter.Tell(new PermitTaken(taken.Id));

        var drainer = CreateTestProbe();
        limiter.Tell(Drain.Instance, drainer);
        Assert.Equal((2, 0), await GrantedAndWaiting(limiter));
        Scheduler.Advance(TimeSpan.FromSeconds(1)); // the untaken grant is let go after a second
        await drainer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Scheduler.Advance(TimeSpan.FromSeconds(5)); // the taken one may still be on its way, however long
        await drainer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = taken.Id });
        Assert.Equal(new Drained(2, start + TimeSpan.FromSeconds(6)), await drainer.ExpectMsgAsync<Drained>());
    }

    [Fact]
    public async Task A_drain_lets_go_of_a_grant_never_taken_up_after_a_second()
    {
        var limiter = Limiter(5);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<PermitGranted>(); // never taken up
        var drainer = CreateTestProbe();
        limiter.Tell(Drain.Instance, drainer);
        Assert.Equal((1, 0), await GrantedAndWaiting(limiter)); // the drain's timer is set before the clock moves
        Scheduler.Advance(TimeSpan.FromSeconds(1) - Tick);
        await drainer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Scheduler.Advance(Tick);
        Assert.Equal(new Drained(1, null), await drainer.ExpectMsgAsync<Drained>());
    }

    [Fact]
    public async Task A_limiter_with_nothing_on_its_way_is_drained_at_once()
    {
        var limiter = Limiter(5);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        var granted = await ExpectMsgAsync<PermitGranted>();
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = granted.Id });
        limiter.Tell(Drain.Instance, TestActor);
        Assert.Equal(new Drained(1, Sys.Scheduler.Now), await ExpectMsgAsync<Drained>());
    }

    private static async Task<(int Granted, int Waiting)> GrantedAndWaiting(IActorRef limiter)
    {
        var status = await Status(limiter);
        return ((int)status.Granted, status.Waiting);
    }
}
