using System.Net;
using System.Text.Json;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary>Readiness tells the truth: a key Paystack paused for longer than max-pause makes the service not ready.</summary>
[Collection(ServeCollection.Name)]
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_key_paused_beyond_max_pause_turns_readiness_red_with_the_reason()
    {
        // Three requests a day: the fourth is answered 429 with a Retry-After of about a day, far beyond max-pause.
        await using var environment = await ServeEnvironment.StartAsync(sandbox =>
        {
            sandbox.TestRateLimit = 3;
            sandbox.RateLimitWindow = TimeSpan.FromDays(1);
        }, "paystack-sync.rate-limits.max-pause = 1m");
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "customers,transactions"), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var status = await ServeEnvironment.WaitForAsync(client, s => s.RateLimiter?.RefusedUntil is not null, TimeSpan.FromSeconds(60));
        using var ready = await client.GetAsync("healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var problem = Assert.Single(body.RootElement.GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("longer than max-pause", problem);
        Assert.True(status.RateLimiter!.Refused >= 0);
    }
}
