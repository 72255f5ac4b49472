using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>
/// The budget going down on 429s and back up on a quiet server, and Paystack's limit held over Paystack's window, on
/// virtual time (the limiter's clock and timers are the TestScheduler's).
/// </summary>
public sealed class RateLimiterAdaptiveSpec() : TestKit(ActorSpecs.VirtualTime)
{
    private const int Configured = 100;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Limiter() => Sys.ActorOf(RateLimiter.Props(Configured,
        new RateLimitSettings(Configured, Configured, Period, MaxInFlight: 4) { RecoveryInterval = Period, RecoveryStep = 0.25, DecreaseFactor = 0.5 },
        () => Sys.Scheduler.Now));

    private static ObserveResponse TooMany(TimeSpan retryAfter) => new(429, new RateLimitHeaders(null, null, null, retryAfter));

    private static async Task<LimiterStatus> Status(IActorRef limiter) => await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3));

    [Fact]
    public async Task After_a_burst_of_429s_a_quiet_server_gets_the_full_budget_back_within_a_few_periods()
    {
        var limiter = Limiter();
        // A burst: the 429s that answer requests already sent when the first came count once ...
        for (var i = 0; i < 5; i++) limiter.Tell(TooMany(Second));
        Assert.Equal(50, (await Status(limiter)).Limit);
        // ... while each 429 after the pause an earlier one started lowers the budget again.
        for (var i = 0; i < 3; i++)
        {
            Scheduler.Advance(Second);
            limiter.Tell(TooMany(Second));
            await limiter.Drained();
        }
        Assert.Equal(6, (await Status(limiter)).Limit);
        Scheduler.Advance(Second); // past the last pause
        Assert.Equal(6, await GrantedAfter(limiter, asked: 6 + 1)); // the lowered budget is what is granted

        var budgets = new List<int>();
        for (var period = 0; period < 6; period++)
        {
            Scheduler.Advance(Period);
            budgets.Add((await Status(limiter)).Limit);
        }
        // A quarter of the configured budget per quiet period: full again after four, and never above it.
        Assert.Equal([31, 56, 81, Configured, Configured, Configured], budgets);
        var before = (await Status(limiter)).Granted;
        Assert.Equal(before + Configured, await GrantedAfter(limiter, asked: Configured + 1));
    }

    [Fact]
    public async Task A_429_during_recovery_lowers_the_budget_again_and_restarts_the_quiet_period()
    {
        var limiter = Limiter();
        limiter.Tell(TooMany(Second));
        await limiter.Drained();
        Scheduler.Advance(Period);
        Assert.Equal(75, (await Status(limiter)).Limit);

        Scheduler.Advance(Period / 2);
        limiter.Tell(TooMany(Second));
        await limiter.Drained();
        Assert.Equal(37, (await Status(limiter)).Limit);
        Scheduler.Advance(Period - Second); // the quiet period counts from the last 429
        Assert.Equal(37, (await Status(limiter)).Limit);
        Scheduler.Advance(Second);
        Assert.Equal(62, (await Status(limiter)).Limit);
    }

    [Fact]
    public async Task A_lower_limit_in_a_shorter_window_is_held_per_that_window_not_per_period()
    {
        var limiter = Limiter();
        // Paystack allows 10 per 1 s: the same 100 per 10 s, in windows ten times shorter.
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(10, 9, Second, null)));
        var status = await Status(limiter);
        Assert.Equal((Configured, 10, (TimeSpan?)Second), (status.Limit, status.ServerLimit, status.ServerWindow));

        var granted = new List<int>();
        for (var i = 0; i < 100; i++) limiter.Tell(AcquirePermit.Instance, TestActor);
        for (var step = 0; step < 5; step++)
        {
            granted.Add((int)(await Status(limiter)).Granted);
            Scheduler.Advance(TimeSpan.FromMilliseconds(1_100)); // a second plus the margin for network delay
        }
        Assert.Equal([10, 20, 30, 40, 50], granted);
    }

    [Fact]
    public async Task A_lower_limit_whose_reset_shows_a_full_period_lowers_the_budget_to_it()
    {
        var limiter = Limiter();
        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(10, 0, Period, Second)));
        await limiter.Drained();
        var status = await Status(limiter);
        // Learnt from this very 429, so it is not also counted as a 429 that lowers the budget.
        Assert.Equal((10, 10, (TimeSpan?)Period), (status.Limit, status.ServerLimit, status.ServerWindow));

        Scheduler.Advance(Second);
        Assert.Equal(10, await GrantedAfter(limiter, asked: 30));
    }

    /// <summary>Asks for permits and answers how many the limiter has granted in all once those it may grant now are out.</summary>
    private async Task<long> GrantedAfter(IActorRef limiter, int asked)
    {
        for (var i = 0; i < asked; i++) limiter.Tell(AcquirePermit.Instance, TestActor);
        return (await Status(limiter)).Granted;
    }
}
