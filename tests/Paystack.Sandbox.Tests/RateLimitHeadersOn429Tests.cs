namespace Paystack.Sandbox.Tests;

public sealed class RateLimitHeadersOn429Tests
{
    [Fact]
    public async Task Only_a_429_tells_the_limit_when_the_headers_are_kept_for_429s()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new SandboxOptions { RecordsPerStream = 20, TestRateLimit = 2, RateLimitWindow = TimeSpan.FromSeconds(4), RateLimitHeadersOnlyOn429 = true };
        await using var server = await SandboxServer.StartAsync(options, 0, clock, CancellationToken.None);
        using var client = new SandboxClient(server);

        var admitted = new[] { await client.GetAsync("customer"), await client.GetAsync("customer") };
        clock.Advance(TimeSpan.FromSeconds(1));
        var rejected = await client.GetAsync("customer");

        Assert.All(admitted, reply =>
        {
            Assert.Equal(200, (int)reply.Status);
            Assert.Null(reply.Header("X-RateLimit-Limit"));
            Assert.Null(reply.Header("X-RateLimit-Reset"));
        });
        Assert.Equal(429, (int)rejected.Status);
        Assert.Equal("2", rejected.Header("X-RateLimit-Limit"));
        Assert.Equal("0", rejected.Header("X-RateLimit-Remaining"));
        Assert.Equal("3", rejected.Header("X-RateLimit-Reset"));
        Assert.Equal("3", rejected.Header("Retry-After"));
    }
}
