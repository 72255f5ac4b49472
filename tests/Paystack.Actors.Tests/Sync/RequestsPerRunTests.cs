using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Sync;

/// <summary>
/// Requests a run spends, counted on the sandbox's request log, against the minimum: ceil(records / page size) for
/// each stream that holds records in the run's range. The target is that minimum plus one per stream, plus one per
/// window split the stream's size makes necessary.
/// </summary>
public sealed class RequestsPerRunTests
{
    /// <summary>The shipped default: a run's whole range is one window to begin with.</summary>
    private static readonly TimeSpan WholeRange = TimeSpan.FromDays(36500);

    private static SandboxOptions Sandbox(int transactions, DateTimeOffset? dataStart = null, DateTimeOffset? dataEnd = null)
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 0);
        options.Records["transaction"] = transactions;
        if (dataStart is { } start) options.DataStart = start;
        if (dataEnd is { } end) options.DataEnd = end;
        return options;
    }

    private static SyncJob Job(DateTimeOffset startDate, SyncMode mode = SyncMode.FullRefresh, int lookbackDays = 0, params string[] streams) =>
        new("test-account", startDate, lookbackDays,
            (streams.Length == 0 ? ["transactions"] : streams)
            .Select(name => new StreamSelection(StreamCatalog.Get(name), mode, WriteMode.AppendDedup)).ToList());

    private static int Minimum(long records, int pageSize) => (int)((records + pageSize - 1) / pageSize);

    private static int Ok(EngineHarness harness, string path = "transaction") => harness.Sandbox.Requests.Count(path, status: 200);

    private static void AssertEveryRecordOnce(EngineHarness harness, SyncOutcome outcome, string stream = "transactions")
    {
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Stream}: {s.Error}")));
        var written = harness.Destination.Ids(stream);
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(harness.Sandbox.Store.Ids(StreamCatalog.Get(stream).Path).Order(), written.Order());
    }

    [Fact]
    public async Task A_dense_history_years_after_the_start_date_costs_its_pages_plus_one_per_split_it_needs()
    {
        const int records = 3_000, pageSize = 100, maxPages = 6;
        await using var harness = await EngineHarness.StartAsync(Sandbox(records),
            TestSettings.Create(pageSize: pageSize, windowLength: WholeRange, maxPagesPerWindow: maxPages));

        var outcome = await harness.RunAsync(Job(EngineHarness.StartDate.AddYears(-8)));

        AssertEveryRecordOnce(harness, outcome);
        var minimum = Minimum(records, pageSize);
        var splitsNeeded = (minimum + maxPages - 1) / maxPages - 1;
        Assert.InRange(Ok(harness), minimum, minimum + 1 + splitsNeeded);
    }

    [Fact]
    public async Task A_sparse_history_ten_years_after_the_start_date_costs_only_its_pages()
    {
        const int records = 2_000, pageSize = 100;
        var dataStart = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var harness = await EngineHarness.StartAsync(Sandbox(records, dataStart, dataStart.AddYears(1)),
            TestSettings.Create(pageSize: pageSize, windowLength: WholeRange, maxPagesPerWindow: 50));

        var outcome = await harness.RunAsync(Job(dataStart.AddYears(-10)));

        AssertEveryRecordOnce(harness, outcome);
        Assert.InRange(Ok(harness), Minimum(records, pageSize), Minimum(records, pageSize) + 1);
    }

    [Fact]
    public async Task An_empty_account_costs_one_request_per_stream()
    {
        string[] streams = ["transactions", "customers", "refunds", "disputes"];
        await using var harness = await EngineHarness.StartAsync(Sandbox(0), TestSettings.Create(windowLength: WholeRange));

        var outcome = await harness.RunAsync(Job(EngineHarness.StartDate.AddYears(-8), streams: streams));

        Assert.True(outcome.Succeeded);
        Assert.Equal(streams.Length, harness.Sandbox.Requests.Count());
    }

    [Fact]
    public async Task An_incremental_run_with_one_percent_new_records_costs_what_they_need()
    {
        const int records = 2_000, pageSize = 100;
        await using var harness = await EngineHarness.StartAsync(Sandbox(records),
            TestSettings.Create(pageSize: pageSize, windowLength: WholeRange));
        var first = await harness.RunAsync(Job(EngineHarness.StartDate, SyncMode.Incremental));
        var cursor = first.Streams.Single().CursorInstant();
        for (var i = 0; i < records / 100; i++) harness.Sandbox.Store.Add("transaction", cursor);
        harness.Sandbox.Requests.Clear();
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the next run's upper bound (whole seconds) must pass the cursor

        var second = await harness.RunAsync(Job(EngineHarness.StartDate, SyncMode.Incremental));

        AssertEveryRecordOnce(harness, second);
        Assert.Equal(Minimum(records / 100, pageSize), Ok(harness));
    }

    [Fact]
    public async Task A_thirty_day_lookback_costs_the_pages_of_the_records_it_reads_again()
    {
        const int pageSize = 50;
        var now = DateTimeOffset.UtcNow;
        await using var harness = await EngineHarness.StartAsync(Sandbox(2_000, now.AddDays(-365), now.AddHours(-1)),
            TestSettings.Create(pageSize: pageSize, windowLength: WholeRange));
        var first = await harness.RunAsync(Job(EngineHarness.StartDate, SyncMode.Incremental));
        var cursor = first.Streams.Single().CursorInstant();
        harness.Sandbox.Requests.Clear();

        var second = await harness.RunAsync(Job(EngineHarness.StartDate, SyncMode.Incremental, lookbackDays: 30));

        AssertEveryRecordOnce(harness, second);
        var reread = harness.Sandbox.Store.Ids("transaction", cursor.AddDays(-30), cursor).Count;
        Assert.InRange(reread, pageSize + 1, int.MaxValue); // more than one page, or the case proves little
        Assert.InRange(Ok(harness), Minimum(reread, pageSize), Minimum(reread, pageSize) + 1);
    }

    [Theory]
    [InlineData(OversizedPage.Clamp)]
    [InlineData(OversizedPage.ClampHidden)]
    [InlineData(OversizedPage.Refuse)]
    public async Task A_server_serving_at_most_100_records_a_page_is_read_whole_at_100(OversizedPage oversized)
    {
        const int records = 1_500;
        var options = Sandbox(records);
        options.MaxPageSize = 100;
        options.OversizedPage = oversized;
        await using var harness = await EngineHarness.StartAsync(options,
            TestSettings.Create(pageSize: 200, windowLength: WholeRange, maxPagesPerWindow: 50));

        var outcome = await harness.RunAsync(Job(EngineHarness.StartDate));

        AssertEveryRecordOnce(harness, outcome);
        Assert.InRange(Ok(harness), Minimum(records, 100), Minimum(records, 100) + 1);
        Assert.Equal(oversized == OversizedPage.Refuse ? 1 : 0, harness.Sandbox.Requests.Count("transaction", status: 400));
        // Only the first request asks for 200: once refused or clamped, every later one asks for what is served.
        var askedFor200 = harness.Sandbox.Requests.Entries.Where(r => r.QueryString.Contains("perPage=200")).ToList();
        Assert.Equal(harness.Sandbox.Requests.Entries.MinBy(r => r.Timestamp), Assert.Single(askedFor200));
    }

    [Fact]
    public async Task Larger_pages_where_the_server_serves_them_save_requests()
    {
        const int records = 1_500;
        var counts = new List<int>();
        foreach (var maxPageSize in new[] { 100, 500 })
        {
            var options = Sandbox(records);
            options.MaxPageSize = maxPageSize;
            await using var harness = await EngineHarness.StartAsync(options,
                TestSettings.Create(pageSize: 200, windowLength: WholeRange, maxPagesPerWindow: 50));

            var outcome = await harness.RunAsync(Job(EngineHarness.StartDate));

            AssertEveryRecordOnce(harness, outcome);
            counts.Add(Ok(harness));
        }
        Assert.Equal(Minimum(records, 200), counts[1]);
        Assert.True(counts[1] < counts[0], $"200 a page took {counts[1]} requests, 100 a page {counts[0]}");
    }
}
