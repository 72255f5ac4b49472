using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>X-RateLimit-Reset as a Unix time or as seconds from now, on virtual time.</summary>
public sealed class RateLimiterResetSpec() : TestKit(ActorSpecs.VirtualTime)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Limiter() => Sys.ActorOf(RateLimiter.Props(100,
        new RateLimitSettings(100, 100, TimeSpan.FromSeconds(10), MaxInFlight: 4), () => Sys.Scheduler.Now));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_429_pauses_until_its_reset_whether_a_unix_time_or_seconds_from_now(bool unixTime)
    {
        var limiter = Limiter();
        var now = Sys.Scheduler.Now;
        // A whole second about 30 s ahead, as Paystack would send it.
        var until = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 30);
        var reset = unixTime ? TimeSpan.FromSeconds(until.ToUnixTimeSeconds()) : until - now;

        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, reset, null)));
        limiter.Tell(AcquirePermit.Instance, TestActor);

        Assert.Equal(until, (await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3))).PausedUntil);
        Scheduler.AdvanceTo(until - Tick);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Scheduler.AdvanceTo(until);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task A_spent_budget_with_a_unix_time_reset_waits_until_that_time()
    {
        var limiter = Limiter();
        var until = DateTimeOffset.FromUnixTimeSeconds(Sys.Scheduler.Now.ToUnixTimeSeconds() + 7);
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(100, 0, TimeSpan.FromSeconds(until.ToUnixTimeSeconds()), null)));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await limiter.Drained();

        Scheduler.AdvanceTo(until - Tick);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Scheduler.AdvanceTo(until);
        await ExpectMsgAsync<PermitGranted>();
    }

    private static readonly DateTimeOffset FixedNow = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(42, 42)] // seconds from now
    [InlineData(999_999_999, 999_999_999)] // still a delta, however unlikely
    [InlineData(1_777_636_830, 30)] // 2026-05-01T12:00:30Z: a Unix time 30 s ahead
    [InlineData(1_777_636_770, 0)] // a Unix time already past: no wait
    public void A_reset_above_a_billion_seconds_is_a_unix_time(long reset, long expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RateLimitHeaders.ResetDelay(TimeSpan.FromSeconds(reset), FixedNow));
}
