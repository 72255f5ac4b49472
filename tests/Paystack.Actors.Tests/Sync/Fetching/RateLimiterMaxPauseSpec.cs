using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

/// <summary>
/// No wait without an end: a pause Paystack asks for beyond max-pause refuses the key's permits with an error naming the
/// ask and the cap, while one within the cap pauses and then grants. On virtual time, so "at once" means no time passed.
/// </summary>
public sealed class RateLimiterMaxPauseSpec() : TestKit(ActorSpecs.VirtualTime)
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef Limiter() => Sys.ActorOf(RateLimiter.Props(100,
        new RateLimitSettings(100, 100, TimeSpan.FromSeconds(10), MaxInFlight: 4) { MaxPause = MaxPause }, () => Sys.Scheduler.Now));


    public static TheoryData<string, string> LongAsks => new()
    {
        { "Retry-After", "1 d (86400 s, by Retry-After, until " },
        { "epoch X-RateLimit-Reset", "1 d (86400 s, by X-RateLimit-Reset, until " },
    };

    [Theory]
    [MemberData(nameof(LongAsks))]
    public async Task A_pause_longer_than_max_pause_refuses_the_waiting_permits_at_once_naming_the_ask_and_the_cap(string header, string named)
    {
        var limiter = Limiter();
        // A whole second, as Paystack's clock would tell it, so that "a day from now" is exactly one.
        Scheduler.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(Sys.Scheduler.Now.ToUnixTimeSeconds() + 1));
        var start = Sys.Scheduler.Now;
        var waiting = new[] { CreateTestProbe(), CreateTestProbe() };
        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, TimeSpan.FromSeconds(30), null))); // an ordinary pause ...
        foreach (var fetcher in waiting) limiter.Tell(AcquirePermit.Instance, fetcher);
        Assert.Equal(2, (await Status(limiter)).Waiting);

        // ... then Paystack asks for a day: nobody waits that long.
        limiter.Tell(new ObserveResponse(429, header == "Retry-After"
            ? new RateLimitHeaders(null, null, null, Day)
            : new RateLimitHeaders(null, null, TimeSpan.FromSeconds((start + Day).ToUnixTimeSeconds()), null)));
        foreach (var fetcher in waiting)
        {
            var refused = Assert.IsType<PaystackApiException>((await fetcher.ExpectMsgAsync<Status.Failure>()).Cause);
            Assert.Contains($"Paystack asked this key to pause for {named}", refused.Message);
            Assert.Contains("longer than paystack-sync.rate-limits.max-pause (5m)", refused.Message);
            Assert.True(refused.IsTransient);
            Assert.Equal(429, refused.StatusCode);
        }
        Assert.Equal(start, Sys.Scheduler.Now);

        // A permit asked for meanwhile is refused at once too; after max-pause the key asks Paystack again.
        var status = await Status(limiter);
        Assert.Equal((0, 2L, (DateTimeOffset?)(start + MaxPause)), (status.Waiting, status.Refused, status.RefusedUntil));
        Scheduler.Advance(MaxPause - Tick);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<Status.Failure>();
        Assert.Equal(start + MaxPause - Tick, Sys.Scheduler.Now);
        Scheduler.Advance(Tick);
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task A_pause_within_max_pause_holds_the_permits_and_then_grants_them()
    {
        var limiter = Limiter();
        var pause = MaxPause - TimeSpan.FromSeconds(1);
        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, null, pause)));
        limiter.Tell(AcquirePermit.Instance, TestActor);
        await limiter.Drained();

        Scheduler.Advance(pause - Tick);
        Assert.Equal((0L, 1, 0L), await GrantedWaitingRefused(limiter));
        Scheduler.Advance(Tick);
        await ExpectMsgAsync<PermitGranted>();
    }

    [Fact]
    public async Task The_gate_fails_the_attempt_with_the_refusal()
    {
        var limiter = Limiter();
        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, null, Day)));

        // Virtual time never passes here: a permit held instead of refused would be cancelled, not refused.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var error = await Assert.ThrowsAsync<PaystackApiException>(() => new RateLimiterGate(limiter).WaitAsync(patience.Token));
        Assert.Contains("max-pause", error.Message);
    }

    private static async Task<LimiterStatus> Status(IActorRef limiter) => await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(3));

    private static async Task<(long Granted, int Waiting, long Refused)> GrantedWaitingRefused(IActorRef limiter)
    {
        var status = await Status(limiter);
        return (status.Granted, status.Waiting, status.Refused);
    }
}
