using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Sync;

public sealed class CrashResumeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("transactions,customers,transfers")] // windows read by page number
    [InlineData("terminals,direct_debit_mandates,transfer_recipients")] // read by cursor: resumed from the durable token
    [InlineData("settlement_transactions")] // a child stream: resumed per parent
    public async Task A_run_stopped_midway_resumes_from_its_journal_and_fetches_only_what_was_not_durable(string streams)
    {
        var Streams = streams.Split(',');
        var options = EngineHarness.Sandboxed(recordsPerStream: 600);
        await using var harness = await EngineHarness.StartAsync(options, TestSettings.Create(pageSize: 20, fetchersPerStream: 2));
        harness.Sandbox.Faults.Latency = TimeSpan.FromMilliseconds(15);
        var job = EngineHarness.Job(SyncMode.FullRefresh, streams: Streams, writeMode: WriteMode.AppendDedup);

        // First attempt: stop the whole actor system once a third of the records are durable.
        var engine = harness.NewEngine();
        var third = Streams.Sum(s => harness.SandboxIds(s).Count) / 3;
        var watcher = new DurableRecordsWatcher(third);
        var interrupted = engine.RunAsync(job, harness.ClientOptions, harness.Destination, watcher);
        await watcher.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        await engine.System.Terminate();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        await engine.DisposeAsync();

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
