using System.Net;
using System.Text.Json;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary>Readiness tells the truth: a key Paystack paused for longer than max-pause, or a stalled run, makes the service not ready.</summary>
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

    [Fact]
    public async Task A_run_that_makes_no_progress_turns_readiness_red_naming_the_stream_then_green_once_it_moves()
    {
        // Paystack that never answers in time: no page lands, so the stream makes no progress past the stall-timeout.
        await using var environment = await ServeEnvironment.StartAsync(sandbox => sandbox.Faults.Latency = TimeSpan.FromHours(1),
            "paystack-sync { engine.stall-timeout = 1s, engine.stream-max-restarts = 100, http.request-timeout = 30s }");
        var log = new LockedStringWriter();
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "customers"), log);
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var problem = await ReadinessProblemAsync(client, TimeSpan.FromSeconds(60), log);
        Assert.Contains("stream customers has made no progress", problem);
        Assert.Contains("engine.stall-timeout is 1s", problem);

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded, TimeSpan.FromSeconds(60));
        using var ready = await client.GetAsync("healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>Polls readiness until it is red; its one problem. Fails with what serve said and did otherwise.</summary>
    private static async Task<string> ReadinessProblemAsync(HttpClient client, TimeSpan timeout, LockedStringWriter log)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var ready = await client.GetAsync("healthz/ready");
            last = $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
                return Assert.Single(body.RootElement.GetProperty("problems").EnumerateArray()).GetString()!;
            }
            await Task.Delay(100);
        }
        var status = await client.GetStringAsync("admin/status");
        throw new Xunit.Sdk.XunitException($"Readiness never went red. Last readiness: {last}\nStatus: {status}\nServe's log:\n{log}");
    }
}
