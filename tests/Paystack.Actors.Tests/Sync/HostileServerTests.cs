using System.Diagnostics;
using Paystack.Actors.Destinations;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

/// <summary>
/// Servers built to misbehave, over real HTTP: each run ends within its configured bounds with an error naming what
/// went wrong, and what earlier pages brought stays in the destination (a real SQLite file, in append mode), once, for
/// the next run to build on.
/// </summary>
public sealed class HostileServerTests(ITestOutputHelper output)
{
    private static readonly string[] Customers = ["customers"];

    [Fact]
    public async Task A_server_that_stops_answering_ends_the_run_within_its_timeouts_and_keeps_every_earlier_page()
    {
        var settings = TestSettings.Create(pageSize: 20, fetchersPerStream: 1, maxRetries: 1, requestTimeout: TimeSpan.FromMilliseconds(500));
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300), settings);
        harness.Sandbox.Faults.SilentAfterRequests = 4;
        var started = Stopwatch.StartNew();

        var outcome = await RunIntoSqliteAsync(harness);

        var stream = Assert.Single(outcome.Streams);
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s, {stream.Restarts} restarts: {stream.Error}");
        Assert.False(stream.Succeeded);
        Assert.Contains("no complete response within 0.5 s", stream.Error);
        AssertKeptOnce(harness);

        await AssertTheNextRunCompletesEveryRecordOnceAsync(harness);
    }

    [Fact]
    public async Task A_page_count_that_grows_with_every_page_is_refused_at_once_and_nothing_read_before_is_lost()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300), TestSettings.Create(pageSize: 20));
        harness.Sandbox.Faults.PageCountRunsAhead = true;

        var outcome = await RunIntoSqliteAsync(harness);

        var stream = Assert.Single(outcome.Streams);
        output.WriteLine($"{harness.Sandbox.Requests.Count()} requests: {stream.Error}");
        Assert.False(stream.Succeeded);
        Assert.Contains("the paging metadata cannot be trusted", stream.Error);
        // 15 pages hold the 300 records, in 8 windows: a count that runs ahead never makes a window page on.
        Assert.InRange(harness.Sandbox.Requests.Count(), 1, 15 + 8);
        AssertKeptOnce(harness, allowNone: true);

        await AssertTheNextRunCompletesEveryRecordOnceAsync(harness);
    }

    [Fact]
    public async Task A_429_with_an_epoch_reset_and_a_retry_after_of_a_day_fails_within_max_pause_naming_the_ask()
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 100);
        options.TestRateLimit = 5;
        options.RateLimitWindow = TimeSpan.FromDays(1);
        options.RateLimitResetAsEpoch = true;
        await using var harness = await EngineHarness.StartAsync(options, TestSettings.Create(pageSize: 10, windowLength: TimeSpan.FromDays(400)));
        var started = Stopwatch.StartNew();

        var outcome = await RunIntoSqliteAsync(harness);

        var stream = Assert.Single(outcome.Streams);
        output.WriteLine($"{started.Elapsed.TotalSeconds:F1} s: {stream.Error}");
        Assert.False(stream.Succeeded);
        Assert.Contains("longer than paystack-sync.rate-limits.max-pause (5m)", stream.Error);
        Assert.Matches(@"pause for 24 h \(86[34]\d\d s", stream.Error);
        Assert.DoesNotContain("years", stream.Error);
        AssertKeptOnce(harness);
    }

    [Fact]
    public async Task Records_without_id_or_creation_time_fail_the_stream_naming_the_field_and_keep_the_pages_before()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300),
            TestSettings.Create(pageSize: 20, fetchersPerStream: 1, writeBatchSize: 20));
        var switchOn = new SwitchAfterFirstPage(() => harness.Sandbox.Faults.RecordsWithoutIdentity = true);

        var outcome = await RunIntoSqliteAsync(harness, switchOn);

        var stream = Assert.Single(outcome.Streams);
        output.WriteLine($"{harness.Sandbox.Requests.Count()} requests: {stream.Error}");
        Assert.False(stream.Succeeded);
        Assert.Contains("has no usable 'id'", stream.Error);
        AssertKeptOnce(harness);

        await AssertTheNextRunCompletesEveryRecordOnceAsync(harness);
    }

    [Fact]
    public async Task A_run_that_outlives_run_timeout_is_stopped_with_a_message_naming_the_setting()
    {
        // Requests that wait a minute each, within every other bound: only run-timeout ends the run.
        var settings = TestSettings.Create(runTimeout: TimeSpan.FromSeconds(2), requestTimeout: TimeSpan.FromMinutes(1));
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(100), settings);
        harness.Sandbox.Faults.Latency = TimeSpan.FromMinutes(1);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => RunIntoSqliteAsync(harness));

        Assert.Contains("engine.run-timeout (2s)", failure.Message);
        Assert.Contains("the next run resumes", failure.Message);
    }

    /// <summary>
    /// A full refresh of customers appended to a real SQLite file: a batch that lands after its stream stopped is known
    /// to the destination by its receipt, so the next run neither loses nor repeats it.
    /// </summary>
    private static async Task<SyncOutcome> RunIntoSqliteAsync(EngineHarness harness, ISyncObserver? observer = null)
    {
        await using var destination = DestinationFactory.Create($"sqlite:{harness.SqlitePath}");
        return await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: Customers), observer, Deadline(), destination);
    }

    /// <summary>What the failed run wrote is in the table, each record once.</summary>
    private static void AssertKeptOnce(EngineHarness harness, bool allowNone = false)
    {
        var kept = harness.SqliteIds("customers");
        if (!allowNone) Assert.NotEmpty(kept);
        Assert.Equal(kept.Count, kept.Distinct().Count());
    }

    /// <summary>With the server behaving again, the next run completes the stream: every record, none twice.</summary>
    private static async Task AssertTheNextRunCompletesEveryRecordOnceAsync(EngineHarness harness)
    {
        harness.Sandbox.Faults.Clear();
        var again = await RunIntoSqliteAsync(harness);
        Assert.True(again.Succeeded, again.Streams[0].Error);
        Assert.Equal(harness.SandboxIds("customers").Order(), harness.SqliteIds("customers").Order());
    }

    /// <summary>A run that outlived every bound would hang the test; this cuts it and fails it instead.</summary>
    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>Turns a fault on once the first page is durable.</summary>
    private sealed class SwitchAfterFirstPage(Action switchOn) : ISyncObserver
    {
        private int _switched;

        public void Progress(StreamReports.Progress progress)
        {
            if (progress.Stats.Records > 0 && Interlocked.Exchange(ref _switched, 1) == 0) switchOn();
        }
    }
}
