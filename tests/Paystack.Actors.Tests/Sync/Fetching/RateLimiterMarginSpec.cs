using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>
/// The margin a key's grants are counted with beyond Paystack's window, learned from Paystack's answers, on virtual
/// time: a 1 s period (its 0.5 % share, 5 ms, is below the 10 ms floor, so the learned margin is the one in force),
/// a floor of 10 ms, a ceiling of 80 ms, a clean stretch of 10 s.
/// </summary>
public sealed class RateLimiterMarginSpec() : TestKit(ActorSpecs.VirtualTime)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Ceiling = TimeSpan.FromMilliseconds(80);
    private static readonly TimeSpan Clean = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Limiter(int limit) => Sys.ActorOf(RateLimiter.Props(limit,
        new RateLimitSettings(limit, limit, Period, MaxInFlight: 4)
        {
            MinWindowMargin = Floor, MaxWindowMargin = Ceiling, MarginNarrowInterval = Clean, RecoveryInterval = TimeSpan.FromMinutes(10),
        },
        () => Sys.Scheduler.Now));

    private static ObserveResponse TooMany(long permit) => new(429, new RateLimitHeaders(null, null, null, TimeSpan.FromSeconds(1))) { Permit = permit };

    private static async Task<LimiterStatus> Status(IActorRef limiter) => await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3));

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public async Task A_429_its_own_grants_explain_widens_the_margin_and_leaves_the_budget_alone()
    {
        var limiter = Limiter(2);
        var start = Sys.Scheduler.Now;
        var first = await Grant(limiter);
        var second = await Grant(limiter);
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = first }); // a warm client
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = second });
        limiter.Tell(AcquirePermit.Instance, TestActor);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal(2, (await Status(limiter)).Waiting);
        Scheduler.AdvanceTo(start + Period + Floor); // both leave the counted window: 1.010 s
        var third = (await ExpectMsgAsync<PermitGranted>()).Id;
        var fourth = (await ExpectMsgAsync<PermitGranted>()).Id;

        // Paystack still counted one of the first two (it arrived late): the third is one too many.
        limiter.Tell(TooMany(third));
        var status = await Status(limiter);
        Assert.Equal((2, Floor * 2, 1L), (status.Limit, status.Margin, status.Throttled));

        // The fourth went before the margin widened: its 429 tells nothing new.
        limiter.Tell(TooMany(fourth));
        status = await Status(limiter);
        Assert.Equal((2, Floor * 2, 2L), (status.Limit, status.Margin, status.Throttled));

        // After the pause, grants are counted over 1.020 s: the next waits for the third to leave that window.
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal(1, (await Status(limiter)).Waiting);
        Scheduler.AdvanceTo(start + Period + Floor + Period + Floor * 2 - Tick);
        Assert.Equal(4, (await Status(limiter)).Granted);
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task Remaining_below_what_its_grants_explain_widens_the_margin_without_a_429()
    {
        var limiter = Limiter(2);
        var first = await Grant(limiter);
        limiter.Tell(new ObserveResponse(200, RateLimitHeaders.None) { Permit = first });
        Scheduler.Advance(Period + Ms(500));

        // Paystack counts one request of this key in the window, as the limiter does: nothing to learn.
        var second = await Grant(limiter);
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(2, 1, null, null)) { Permit = second });
        Assert.Equal(Floor, (await Status(limiter)).Margin);

        // Paystack counts two where the limiter's window holds one: the first arrived long after its grant.
        Scheduler.Advance(Period + Ms(500));
        var third = await Grant(limiter);
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(2, 0, null, null)) { Permit = third });
        var status = await Status(limiter);
        Assert.Equal((Floor * 2, 2, 0L), (status.Margin, status.Limit, status.Throttled));
    }

    [Fact]
    public async Task The_margin_doubles_up_to_its_ceiling_and_narrows_by_a_quarter_after_each_clean_stretch_down_to_its_floor()
    {
        var limiter = Limiter(2);
        var margins = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await Evidence(limiter);
            margins.Add((await Status(limiter)).Margin.TotalMilliseconds);
        }
        Assert.Equal([20, 40, 80, 80], margins); // never past the ceiling

        margins.Clear();
        for (var stretch = 0; stretch < 7; stretch++)
        {
            Scheduler.Advance(Clean);
            margins.Add((await Status(limiter)).Margin.TotalMilliseconds);
        }
        Assert.Equal([60, 45, 33.75, 25.31, 18.98, 14.24, 10.68], margins.Select(m => Math.Round(m, 2)));
        Scheduler.Advance(Clean);
        Assert.Equal(Floor, (await Status(limiter)).Margin); // never below the floor
        Scheduler.Advance(Clean * 4);
        Assert.Equal(Floor, (await Status(limiter)).Margin);
    }

    [Fact]
    public async Task A_narrowing_that_soon_meets_trouble_doubles_the_clean_stretch_before_the_next()
    {
        var limiter = Limiter(2);
        var start = Sys.Scheduler.Now;
        await Evidence(limiter); // 20 ms, at 2 s
        Scheduler.AdvanceTo(start + TimeSpan.FromSeconds(2) + Clean);
        Assert.Equal(Ms(15), (await Status(limiter)).Margin);

        await Evidence(limiter); // 2 s after the narrowing: it was premature
        Assert.Equal(Ms(30), (await Status(limiter)).Margin);
        Scheduler.Advance(Clean);
        Assert.Equal(Ms(30), (await Status(limiter)).Margin);
        Scheduler.Advance(Clean);
        Assert.Equal(Ms(22.5), (await Status(limiter)).Margin);
    }

    [Fact]
    public async Task A_429_at_the_widest_margin_lowers_the_budget()
    {
        // Each window the request after a full budget is refused, however wide the margin: more jitter than the
        // ceiling allows for, or a limit that is really lower.
        var limiter = Limiter(2);
        var seen = new List<(int Limit, double MarginMs)>();
        for (var round = 0; round < 4; round++)
        {
            Scheduler.Advance(TimeSpan.FromSeconds(2)); // past the pause and out of the widest window
            await Grant(limiter);
            await Grant(limiter);
            limiter.Tell(AcquirePermit.Instance, TestActor);
            var status = await Status(limiter);
            Assert.Equal(1, status.Waiting);
            Scheduler.Advance(Period + status.Margin);
            var refused = (await ExpectMsgAsync<PermitGranted>()).Id;
            limiter.Tell(TooMany(refused));
            status = await Status(limiter);
            seen.Add((status.Limit, status.Margin.TotalMilliseconds));
        }
        // Three 429s a wider margin explains widen it; the fourth, at the ceiling, halves the budget.
        Assert.Equal([(2, 20), (2, 40), (2, 80), (1, 80)], seen);

        Scheduler.Advance(TimeSpan.FromSeconds(2));
        await Grant(limiter);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        Assert.Equal(1, (await Status(limiter)).Waiting);
        Scheduler.Advance(Period + Ceiling - Tick);
        Assert.Equal(1, (await Status(limiter)).Waiting);
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task A_server_whose_limit_is_really_lower_is_learned_from_its_first_429_and_the_margin_stays()
    {
        // Paystack allows 2 where the limiter was told 4, and says so only with a 429.
        var limiter = Limiter(4);
        await Grant(limiter);
        await Grant(limiter);
        var refused = await Grant(limiter);
        limiter.Tell(TooMany(refused)); // the third of four in the widest window: no margin explains it
        var status = await Status(limiter);
        Assert.Equal((2, Floor), (status.Limit, status.Margin));
    }

    /// <summary>Two seconds on (out of any window), a grant whose answer shows Paystack counted two where the limiter had one.</summary>
    private async Task Evidence(IActorRef limiter)
    {
        Scheduler.Advance(TimeSpan.FromSeconds(2));
        var id = await Grant(limiter);
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(2, 0, null, null)) { Permit = id });
        await Status(limiter); // taken in before the clock moves on
    }

    private async Task<long> Grant(IActorRef limiter)
    {
        limiter.Tell(AcquirePermit.Instance, TestActor);
        return (await ExpectMsgAsync<PermitGranted>()).Id;
    }
}
