using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

public sealed class RateLimitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly string[] Streams = ["transactions", "customers", "refunds"];

    private static SandboxOptions Limited(int limit)
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 100);
        options.TestRateLimit = limit;
        options.RateLimitWindow = Window;
        return options;
    }

    [Fact]
    public async Task The_sandbox_never_sees_more_than_the_configured_limit_in_any_window()
    {
        const int limit = 12;
        await using var harness = await EngineHarness.StartAsync(Limited(limit),
            TestSettings.Create(pageSize: 10, requestsPerPeriod: limit, period: Window, windowLength: TimeSpan.FromDays(400)));

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: Streams));

        Assert.True(outcome.Succeeded);
        var arrivals = harness.Sandbox.Requests.Entries.Select(r => r.Timestamp).Order().ToList();
        var busiest = BusiestWindow(arrivals, Window);
        output.WriteLine($"{arrivals.Count} requests, at most {busiest} in any {Window.TotalSeconds} s");
        Assert.Equal(0, harness.Sandbox.Requests.Count(status: 429));
        Assert.InRange(busiest, 1, limit);
        Assert.True(arrivals.Count > limit * 2, "the run must span several windows to show anything");
        foreach (var stream in Streams) Assert.Equal(harness.SandboxIds(stream).Order(), harness.Destination.Ids(stream).Order());
    }

    [Fact]
    public async Task A_429_pauses_every_fetcher_of_the_key_not_just_the_one_that_got_it()
    {
        // The engine believes it may send far more than the sandbox accepts, and the sandbox does not announce its
        // limit, so the engine meets 429s.
        var options = Limited(8);
        options.RateLimitHeaders = false;
        await using var harness = await EngineHarness.StartAsync(options,
            TestSettings.Create(pageSize: 20, requestsPerPeriod: 1_000, period: Window, windowLength: TimeSpan.FromDays(400), maxRetries: 10));

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: Streams));

        Assert.True(outcome.Succeeded);
        var entries = harness.Sandbox.Requests.Entries.OrderBy(r => r.Timestamp).ToList();
        var throttled = entries.Where(r => r.StatusCode == 429).ToList();
        Assert.NotEmpty(throttled);
        // Retry-After is at least one second; once the 429 is known, no fetcher of any stream sends until it passes.
        var grace = TimeSpan.FromMilliseconds(300);
        var during = throttled.Select(t => entries.Count(r => r.Timestamp > t.Timestamp + grace && r.Timestamp < t.Timestamp + TimeSpan.FromSeconds(0.9))).ToList();
        output.WriteLine($"{entries.Count} requests, {throttled.Count} answered 429; requests inside the pause after each: {string.Join(",", during)}");
        Assert.All(during, count => Assert.Equal(0, count));
        Assert.True(throttled.Count < entries.Count / 2, "a shared pause keeps 429s the exception");
        foreach (var stream in Streams) Assert.Equal(harness.SandboxIds(stream).Order(), harness.Destination.Ids(stream).Order());
    }

    private static int BusiestWindow(IReadOnlyList<DateTimeOffset> arrivals, TimeSpan window)
    {
        var busiest = 0;
        for (int start = 0, end = 0; end < arrivals.Count; end++)
        {
            while (arrivals[end] - arrivals[start] >= window) start++;
            busiest = Math.Max(busiest, end - start + 1);
        }
        return busiest;
    }
}
