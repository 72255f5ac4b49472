namespace Paystack.Sandbox.Tests;

public class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SandboxOptions Scaled() => new()
    {
        RecordsPerStream = 20, TestRateLimit = 10, LiveRateLimit = 15, RateLimitWindow = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task A_burst_over_the_limit_gets_429_with_paystacks_body_and_headers()
    {
        var clock = new ManualClock(Start);
        await using var server = await SandboxServer.StartAsync(Scaled(), 0, clock, CancellationToken.None);
        using var client = new SandboxClient(server);

        var replies = new List<Reply>();
        for (var i = 0; i < 10; i++)
        {
            replies.Add(await client.GetAsync("customer"));
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        var rejected = await client.GetAsync("customer");

        Assert.All(replies, r => Assert.Equal(200, (int)r.Status));
        Assert.Equal("10", replies[0].Header("X-RateLimit-Limit"));
        Assert.Equal("9", replies[0].Header("X-RateLimit-Remaining"));
        Assert.Equal("0", replies[9].Header("X-RateLimit-Remaining"));
        Assert.Equal(429, (int)rejected.Status);
        Assert.Equal(
            """{"status":false,"message":"Rate limit exceeded!","meta":{"nextStep":"Wait a few minutes and try the API call again"},"type":"api_error","code":"rate_limited"}""",
            rejected.Text);
        // The first request (t=0) frees its slot at t=2 s; now is t=0.5 s, so 1.5 s rounds up to 2.
        Assert.Equal("2", rejected.Header("Retry-After"));
        Assert.Equal("2", rejected.Header("X-RateLimit-Reset"));
        Assert.Equal("0", rejected.Header("X-RateLimit-Remaining"));
        Assert.Equal("10", rejected.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Without_rate_limit_headers_only_a_429_and_its_retry_after_tell_of_the_limit()
    {
        var clock = new ManualClock(Start);
        var options = Scaled();
        options.RateLimitHeaders = false;
        await using var server = await SandboxServer.StartAsync(options, 0, clock, CancellationToken.None);
        using var client = new SandboxClient(server);

        var admitted = await client.GetAsync("customer");
        for (var i = 0; i < 9; i++) await client.GetAsync("customer");
        var rejected = await client.GetAsync("customer");

        Assert.Equal(200, (int)admitted.Status);
        Assert.Null(admitted.Header("X-RateLimit-Limit"));
        Assert.Null(admitted.Header("X-RateLimit-Remaining"));
        Assert.Equal(429, (int)rejected.Status);
        Assert.Equal("2", rejected.Header("Retry-After"));
        Assert.Null(rejected.Header("X-RateLimit-Reset"));
    }

    [Fact]
    public async Task The_window_rolls_and_rejected_requests_do_not_use_budget()
    {
        var clock = new ManualClock(Start);
        await using var server = await SandboxServer.StartAsync(Scaled(), 0, clock, CancellationToken.None);
        using var client = new SandboxClient(server);

        for (var i = 0; i < 5; i++) Assert.Equal(200, (int)(await client.GetAsync("refund")).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) Assert.Equal(200, (int)(await client.GetAsync("refund")).Status);
        for (var i = 0; i < 20; i++) Assert.Equal(429, (int)(await client.GetAsync("refund")).Status);

        // The first five leave the window at t=2 s; the rejected twenty must not have taken their places.
        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) Assert.Equal(200, (int)(await client.GetAsync("refund")).Status);
        Assert.Equal(429, (int)(await client.GetAsync("refund")).Status);
        Assert.Equal(20 + 1, server.Requests.Count("refund", 429));
    }

    [Fact]
    public async Task Test_and_live_keys_have_separate_budgets()
    {
        var clock = new ManualClock(Start);
        await using var server = await SandboxServer.StartAsync(Scaled(), 0, clock, CancellationToken.None);
        using var test = new SandboxClient(server, server.Options.TestKey);
        using var live = new SandboxClient(server, server.Options.LiveKey);

        for (var i = 0; i < 10; i++) await test.GetAsync("transfer");
        Assert.Equal(429, (int)(await test.GetAsync("transfer")).Status);
        var liveReply = await live.GetAsync("transfer");
        Assert.Equal(200, (int)liveReply.Status);
        Assert.Equal("15", liveReply.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Real_clock_burst_is_limited_and_recovers_after_the_window()
    {
        var options = Scaled();
        options.RateLimitWindow = TimeSpan.FromSeconds(1);
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxClient(server);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 14).Select(_ => client.GetAsync("dispute")));
        Assert.Equal(10, statuses.Count(r => (int)r.Status == 200));
        Assert.Equal(4, statuses.Count(r => (int)r.Status == 429));
        var retryAfter = int.Parse(statuses.First(r => (int)r.Status == 429).Header("Retry-After")!);
        Assert.InRange(retryAfter, 1, 1);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(100));
        Assert.Equal(200, (int)(await client.GetAsync("dispute")).Status);
    }
}
