using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

public sealed class CrashResumeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("transactions,customers,transfers", 180)] // windows read by page number
    [InlineData("transactions,customers,transfers", 36500)] // one window for the range, split keeping its first page
    [InlineData("terminals,direct_debit_mandates,transfer_recipients", 180)] // read by cursor: resumed from the durable token
    [InlineData("settlement_transactions", 180)] // a child stream: resumed per parent
    public async Task A_run_stopped_midway_resumes_from_its_journal_and_fetches_only_what_was_not_durable(string streams, int windowDays)
    {
        var Streams = streams.Split(',');
        var options = EngineHarness.Sandboxed(recordsPerStream: 600);
        await using var harness = await EngineHarness.StartAsync(options,
            TestSettings.Create(pageSize: 20, fetchersPerStream: 2, windowLength: TimeSpan.FromDays(windowDays)));
        harness.Sandbox.Faults.Latency = TimeSpan.FromMilliseconds(15);
        var job = EngineHarness.Job(SyncMode.FullRefresh, streams: Streams, writeMode: WriteMode.AppendDedup);

        // First attempt: stop the whole actor system once a third of the records are durable.
        var host = await harness.StartEngineAsync();
        var third = Streams.Sum(s => harness.SandboxIds(s).Count) / 3;
        var watcher = new DurableRecordsWatcher(third);
        var interrupted = host.Engine.RunAsync(job, harness.ClientOptions, harness.Destination, watcher);
        await watcher.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await host.System.Terminate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        await host.DisposeAsync();

        var beforeCrash = harness.Sandbox.Requests.Entries.Where(r => r.StatusCode == 200).Select(r => (r.Path, r.QueryString)).ToHashSet();
        var durableBeforeCrash = watcher.DurablePages;
        Assert.InRange(durableBeforeCrash, 1, beforeCrash.Count);
        harness.Sandbox.Requests.Clear();

        var resumed = await harness.RunAsync(job);

        Assert.True(resumed.Succeeded);
        var afterCrash = harness.Sandbox.Requests.Entries.Where(r => r.StatusCode == 200).Select(r => (r.Path, r.QueryString)).ToList();
        // Pages that were durable are not asked for again; only those in flight or unacknowledged at the crash may be.
        var repeated = afterCrash.Count(beforeCrash.Contains);
        output.WriteLine($"before the crash: {beforeCrash.Count} pages fetched, {durableBeforeCrash} durable; after: {afterCrash.Count} fetched, {repeated} of them again");
        var inFlightAtMost = Streams.Length * (2 * 2 + 1);
        Assert.True(repeated <= (beforeCrash.Count - durableBeforeCrash) + inFlightAtMost,
            $"{repeated} pages fetched again; {durableBeforeCrash} of {beforeCrash.Count} fetched pages were durable");
        Assert.True(repeated <= inFlightAtMost * 2, $"{repeated} pages fetched again");
        Assert.All(resumed.Streams, s => Assert.True(s.Stats.Pages > 0));

        foreach (var stream in Streams)
        {
            var rows = harness.Destination.Ids(stream);
            Assert.Equal(rows.Count, rows.Distinct().Count());
            Assert.Equal(harness.SandboxIds(stream).Order(), rows.Order());
        }
    }

    [Theory]
    [InlineData(1, true)] // the saved token is refused once: the window is read again from its first page
    [InlineData(1_000, false)] // refused again after the restart: the stream fails, naming the refusal
    public async Task A_saved_cursor_that_paystack_refuses_restarts_the_window_once(int refusals, bool recovers)
    {
        // Fifty pages walked one after another: the run is stopped well before its end.
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(recordsPerStream: 1_000), TestSettings.Create(pageSize: 20));
        harness.Sandbox.Faults.Latency = TimeSpan.FromMilliseconds(30);
        var job = EngineHarness.Job(SyncMode.FullRefresh, streams: ["terminals"], writeMode: WriteMode.AppendDedup);
        var host = await harness.StartEngineAsync();
        var watcher = new DurableRecordsWatcher(100);
        var interrupted = host.Engine.RunAsync(job, harness.ClientOptions, harness.Destination, watcher);
        await watcher.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await host.System.Terminate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        await host.DisposeAsync();

        harness.Sandbox.Faults.RejectedCursors = refusals;
        var resumedAt = DateTimeOffset.UtcNow;
        var resumed = await harness.RunAsync(job);

        // A retry of the stopped engine may still arrive after resumedAt, so the resumed walk is found by its refusal.
        var requests = harness.Sandbox.Requests.Entries.Where(r => r.Path == "terminal" && r.Timestamp >= resumedAt).ToList();
        var refused = requests.FindIndex(r => r.StatusCode == 400);
        Assert.True(refused >= 0, "the saved token was never refused");
        Assert.Contains("next=", requests[refused].QueryString); // the resumed walk asked with its saved token
        if (recovers)
        {
            Assert.True(resumed.Succeeded);
            Assert.DoesNotContain("next=", requests[refused + 1].QueryString); // then from the first page again
            var rows = harness.Destination.Ids("terminals");
            Assert.Equal(harness.Sandbox.Store.Ids("terminal").Order(), rows.Order());
        }
        else
        {
            Assert.False(resumed.Succeeded);
            Assert.Contains("Invalid cursor", resumed.Streams.Single().Error);
        }
    }

    /// <summary>Signals once the engine reported enough durable records, and remembers how many pages were durable then.</summary>
    private sealed class DurableRecordsWatcher(long target) : ISyncObserver
    {
        private readonly Dictionary<string, StreamStats> _latest = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;
        public long DurablePages { get; private set; }

        public void Progress(StreamReports.Progress progress)
        {
            if (_reached.Task.IsCompleted) return;
            _latest[progress.Stream] = progress.Stats;
            if (_latest.Values.Sum(s => s.Records) < target) return;
            DurablePages = _latest.Values.Sum(s => s.Pages);
            _reached.TrySetResult();
        }
    }
}
