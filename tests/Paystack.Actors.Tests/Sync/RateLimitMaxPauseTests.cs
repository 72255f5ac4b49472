using System.Diagnostics;
using Paystack.Actors.State;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

/// <summary>A 429 that asks for more than max-pause fails the stream with a clear error instead of stalling it for a day.</summary>
public sealed class RateLimitMaxPauseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_429_asking_for_a_day_fails_the_stream_after_its_restarts_naming_the_ask_and_the_cap()
    {
        // Five requests a day: the sixth is answered 429 with a Retry-After of about a day.
        var options = EngineHarness.Sandboxed(recordsPerStream: 100);
        options.TestRateLimit = 5;
        options.RateLimitWindow = TimeSpan.FromDays(1);
        await using var harness = await EngineHarness.StartAsync(options, TestSettings.Create(pageSize: 10, windowLength: TimeSpan.FromDays(400)));
        var started = Stopwatch.StartNew();

        // A limiter that waited the day out would hold the run until this cuts it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["transactions"]), cancellationToken: deadline.Token);

        var stream = Assert.Single(outcome.Streams);
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s, {stream.Restarts} restarts: {stream.Error}");
        Assert.False(stream.Succeeded);
        // Retry-After counts down from a day since the first request was let through.
        Assert.Matches(@"^transactions: Paystack asked this key to pause for 24 h \(86[34]\d\d s, by Retry-After, until ", stream.Error);
        Assert.Contains("longer than paystack-sync.rate-limits.max-pause (5m)", stream.Error);
        Assert.Equal(harness.Settings.Engine.StreamMaxRestarts, stream.Restarts);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
        // Refused permits send nothing: Paystack sees only the requests that were already on their way.
        Assert.Equal(5, harness.Sandbox.Requests.Count(status: 200));
        Assert.InRange(harness.Sandbox.Requests.Count(status: 429), 1, harness.Settings.RateLimits.MaxInFlight);
    }
}
