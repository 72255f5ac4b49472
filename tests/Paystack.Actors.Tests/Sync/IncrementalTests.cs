using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Sync;

public sealed class IncrementalTests
{
    /// <summary>Data up to an hour ago, so that lookback windows hold records.</summary>
    private static SandboxOptions RecentData(int records = 150)
    {
        var options = EngineHarness.Sandboxed(records);
        options.DataStart = DateTimeOffset.UtcNow.AddDays(-60);
        options.DataEnd = DateTimeOffset.UtcNow.AddHours(-1);
        return options;
    }

    [Fact]
    public async Task A_second_run_without_new_data_makes_only_the_requests_its_range_needs()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(100));
        // Streams without a creation-time filter are re-read whole every run; only the others have a range to narrow.
        var incremental = StreamCatalog.All.Where(s => s.SupportsIncremental).Select(s => s.Name).ToArray();
        var first = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: incremental));
        Assert.True(first.Succeeded);
        var written = harness.Destination.RecordsWritten;
        harness.Sandbox.Requests.Clear();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // upper bounds are whole seconds: let the next one move on

        var second = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: incremental));

        Assert.True(second.Succeeded);
        // One window from the cursor to now per stream, and it is empty: one request each.
        Assert.Equal(incremental.Length, harness.Sandbox.Requests.Count());
        Assert.Equal(written, harness.Destination.RecordsWritten);
        Assert.All(second.Streams, s => Assert.True(
            CursorFormat.TryParse(s.Cursor, out var cursor) && cursor > first.Streams.Single(f => f.Stream == s.Stream).CursorInstant()));
    }

    [Fact]
    public async Task Records_added_after_a_run_appear_in_the_next_one()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(80));
        string[] streams = ["transactions", "refunds"];
        var first = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: streams));
        var cursor = first.Streams.Single(s => s.Stream == "transactions").CursorInstant();

        var added = harness.Sandbox.Store.Add("transaction", cursor);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the next run's upper bound (whole seconds) must pass the cursor
        var second = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: streams));

        Assert.True(second.Succeeded);
        var rows = harness.Destination.Rows("transactions").Where(r => r.RunId == second.RunId).Select(r => r.Id).ToList();
        Assert.Equal([added], rows);
        Assert.DoesNotContain(harness.Destination.Rows("refunds"), r => r.RunId == second.RunId);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public async Task The_lookback_window_rereads_exactly_the_last_n_days(int lookbackDays)
    {
        await using var harness = await EngineHarness.StartAsync(RecentData(), TestSettings.Create(windowLength: TimeSpan.FromDays(7)));
        var first = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: ["transactions"]));
        var cursor = first.Streams.Single().CursorInstant();

        var second = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, lookbackDays, streams: ["transactions"]));

        var reread = harness.Destination.Rows("transactions").Where(r => r.RunId == second.RunId).Select(r => r.Id).Order().ToList();
        var expected = harness.Sandbox.Store.Ids("transaction", cursor.AddDays(-lookbackDays), cursor).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, reread);
    }

    [Fact]
    public async Task Records_created_while_a_run_is_going_are_neither_lost_nor_fatal()
    {
        await using var harness = await EngineHarness.StartAsync(RecentData(100));
        harness.Sandbox.Faults.NewRecordsPerRequest = 1;
        var first = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: ["transactions", "customers"]));
        Assert.True(first.Succeeded);
        harness.Sandbox.Faults.NewRecordsPerRequest = 0;

        var second = await harness.RunAsync(EngineHarness.Job(SyncMode.Incremental, streams: ["transactions", "customers"]));

        Assert.True(second.Succeeded);
        foreach (var stream in new[] { "transactions", "customers" })
        {
            var everything = harness.Sandbox.Store.Ids(StreamCatalog.Get(stream).Path, EngineHarness.StartDate, second.Streams[0].CursorInstant());
            Assert.Equal(everything.Order(), harness.Destination.Ids(stream).Distinct().Order());
            Assert.Equal(harness.Destination.Ids(stream).Count, harness.Destination.Ids(stream).Distinct().Count());
        }
    }
}
