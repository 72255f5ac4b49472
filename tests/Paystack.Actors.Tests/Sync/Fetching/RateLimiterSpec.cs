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

    /// <summary>The rolling window the limiter counts grants in: the period plus its margin for network delay (1 %, at least 100 ms).</summary>
    private static readonly TimeSpan Window = Period + TimeSpan.FromMilliseconds(100);

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
    public async Task No_window_ever_holds_more_than_the_limit_and_no_request_waits_longer_than_it_must()
    {
        const int limit = 3;
        var step = TimeSpan.FromMilliseconds(100);
        var limiter = Limiter(limit);
        var start = Sys.Scheduler.Now;
        var arrivals = new List<TimeSpan>();
        var grants = new List<TimeSpan>();

        // A request every 700 ms for 21 s, against a budget of 3 per 10.1 s; time moves in steps of 100 ms.
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

    private static async Task<(int Granted, int Waiting)> GrantedAndWaiting(IActorRef limiter)
    {
        var status = await Status(limiter);
        return ((int)status.Granted, status.Waiting);
    }
}
