using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Sync.Fetching.RateLimiterProtocol;

namespace Paystack.Actors.Tests.Sync.Fetching;

public sealed class RateLimiterTests : TestKit
{
    /// <summary>Long enough that a slow, shared machine cannot blur "not yet" into "now".</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private IActorRef Limiter(int limit, int maxInFlight = 4, TimeSpan? period = null) =>
        Sys.ActorOf(RateLimiter.Props(limit, new RateLimitSettings(limit, limit, period ?? Period, maxInFlight)));

    [Fact]
    public async Task Grants_at_most_the_limit_per_period_and_the_rest_when_the_period_has_passed()
    {
        var limiter = Limiter(3);
        for (var i = 0; i < 5; i++) limiter.Tell(AcquirePermit.Instance);

        for (var i = 0; i < 3; i++) await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(1));
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2; i++) await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_429_pauses_every_permit_for_its_retry_after()
    {
        var limiter = Limiter(100);
        limiter.Tell(new ObserveResponse(429, new RateLimitHeaders(null, null, null, TimeSpan.FromSeconds(2))));
        limiter.Tell(AcquirePermit.Instance);
        limiter.Tell(AcquirePermit.Instance);

        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(3));
        await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(1));

        var status = await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(1));
        Assert.Equal(1, status.Throttled);
    }

    [Fact]
    public async Task A_spent_budget_reported_by_the_headers_pauses_until_the_reset()
    {
        var limiter = Limiter(100);
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(100, 0, TimeSpan.FromSeconds(2), null)));
        limiter.Tell(AcquirePermit.Instance);

        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_budget_spent_by_our_own_requests_adds_no_pause_beyond_the_window()
    {
        var limiter = Limiter(2);
        limiter.Tell(AcquirePermit.Instance);
        limiter.Tell(AcquirePermit.Instance);
        await ExpectMsgAsync<PermitGranted>();
        await ExpectMsgAsync<PermitGranted>();
        // The last request of a full window: Paystack says nothing remains, for a reset it rounds up to seconds.
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(2, 0, TimeSpan.FromSeconds(30), null)));
        limiter.Tell(AcquirePermit.Instance);

        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));
        await ExpectMsgAsync<PermitGranted>(TimeSpan.FromSeconds(5)); // after the 2 s window, not the 30 s reset
    }

    [Fact]
    public async Task A_lower_limit_announced_by_paystack_replaces_the_configured_one()
    {
        var limiter = Limiter(50, period: TimeSpan.FromSeconds(10)); // the third permit is far away, even on a slow machine
        limiter.Tell(new ObserveResponse(200, new RateLimitHeaders(2, 1, null, null)));
        for (var i = 0; i < 3; i++) limiter.Tell(AcquirePermit.Instance);

        await ExpectMsgAsync<PermitGranted>();
        await ExpectMsgAsync<PermitGranted>();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        var status = await limiter.Ask<LimiterStatus>(GetStatus.Instance, TimeSpan.FromSeconds(1));
        Assert.Equal(2, status.Limit);
    }

    [Fact]
    public async Task Slots_cap_pages_in_flight_and_come_back_when_a_holder_releases_or_dies()
    {
        var limiter = Limiter(100, maxInFlight: 2);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var third = CreateTestProbe();
        limiter.Tell(AcquireSlot.Instance, first);
        limiter.Tell(AcquireSlot.Instance, second);
        limiter.Tell(AcquireSlot.Instance, third);

        await first.ExpectMsgAsync<SlotGranted>();
        await second.ExpectMsgAsync<SlotGranted>();
        await third.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Sys.Stop(first); // a fetcher that dies holding a slot gives it back
        await third.ExpectMsgAsync<SlotGranted>(TimeSpan.FromSeconds(2));

        var fourth = CreateTestProbe();
        limiter.Tell(AcquireSlot.Instance, fourth);
        await fourth.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        limiter.Tell(ReleaseSlot.Instance, second);
        await fourth.ExpectMsgAsync<SlotGranted>();
    }
}
