using Paystack.Actors.State;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

/// <summary>The adaptive budget against a real HTTP sandbox: a lower X-RateLimit-Limit in a shorter window costs no throughput.</summary>
public sealed class RateLimitRecoveryTests(ITestOutputHelper output)
{
    // Paystack's live budget is 600 per 60 s; the sandbox allows the same 10 a second counted in windows 15 times
    // shorter, and tells its limit only on a 429. Both are halved here to keep the test short: 300 per 30 s configured
    // against 20 per 2 s allowed keeps every ratio (10 a second, a window 15 times shorter, a limit 15 times lower).
    // Not scaled further: the sandbox rounds X-RateLimit-Reset and Retry-After up to whole seconds, so a window under
    // 2 s would no longer be what its reset says.
    private const int Configured = 300;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private const int ServerLimit = 20;
    private static readonly TimeSpan ServerWindow = TimeSpan.FromSeconds(2);
    private static readonly string[] Streams = ["transactions", "customers", "refunds"];

    [Fact]
    public async Task A_lower_limit_in_a_shorter_window_still_gets_the_configured_rate()
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 500);
        options.TestRateLimit = ServerLimit;
        options.RateLimitWindow = ServerWindow;
        options.RateLimitHeadersOnlyOn429 = true;
        await using var harness = await EngineHarness.StartAsync(options,
            TestSettings.Create(pageSize: 10, requestsPerPeriod: Configured, period: Period, windowLength: TimeSpan.FromDays(400), maxRetries: 10));

        // About 170 requests at 10 a second; a limiter that fell back to 20 per 30 s would take minutes, so the run is
        // cut short and measured up to then.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var completed = true;
        try
        {
            Assert.True((await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: Streams), cancellationToken: deadline.Token)).Succeeded);
        }
        catch (OperationCanceledException)
        {
            completed = false;
        }
        var cut = DateTimeOffset.UtcNow;

        var entries = harness.Sandbox.Requests.Entries.OrderBy(r => r.Timestamp).ToList();
        var firstThrottled = entries.FindIndex(r => r.StatusCode == 429);
        Assert.True(firstThrottled >= 0, "the engine must meet Paystack's lower limit to show anything");
        // From the first admitted request after the first 429s (the key let through again), in whole server windows up to
        // the run's last request (the window holding it is cut short by the end of the work) or to the cut.
        var resumed = entries.Skip(firstThrottled).FirstOrDefault(r => r.StatusCode == 200)?.Timestamp ?? entries[firstThrottled].Timestamp;
        var end = completed ? entries[^1].Timestamp : cut;
        var slices = (int)((end - resumed) / ServerWindow);
        Assert.True(slices >= 4, $"the run must span several windows after the first 429s to show anything (got {slices})");
        var admitted = Enumerable.Range(0, slices)
            .Select(i => entries.Count(r => r.StatusCode == 200 && r.Timestamp >= resumed + i * ServerWindow && r.Timestamp < resumed + (i + 1) * ServerWindow))
            .ToList();
        var perPeriod = admitted.Sum() * (Period / (slices * ServerWindow));
        // For the record, also from the first 429 itself (its window was full) to the end, and the whole run.
        var throttledAt = entries[firstThrottled].Timestamp;
        var sinceThrottled = entries.Count(r => r.StatusCode == 200 && r.Timestamp > throttledAt) * (Period / (end - throttledAt));
        output.WriteLine($"{entries.Count} requests, {entries.Count(r => r.StatusCode == 429)} answered 429, in {(end - entries[0].Timestamp).TotalSeconds:F1} s; " +
            $"admitted per {ServerWindow.TotalSeconds} s from {(resumed - entries[0].Timestamp).TotalSeconds:F2} s on: {string.Join(",", admitted)}; " +
            $"{perPeriod:F0} per {Period.TotalSeconds} s ({perPeriod / Configured:P0} of the configured {Configured}); " +
            $"from the first 429 at {(throttledAt - entries[0].Timestamp).TotalSeconds:F2} s to the end: {sinceThrottled:F0} per {Period.TotalSeconds} s");

        Assert.True(perPeriod >= 0.8 * Configured, $"{perPeriod:F0} per {Period.TotalSeconds} s is under 80 % of {Configured}");
        Assert.True(completed, "the run did not finish in time");
        foreach (var stream in Streams) Assert.Equal(harness.SandboxIds(stream).Order(), harness.Destination.Ids(stream).Order());
    }
}
