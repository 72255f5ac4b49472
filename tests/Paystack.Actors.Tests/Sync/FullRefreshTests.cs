using Paystack.Actors.Paystack;
using Paystack.Actors.Destinations;
using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Sync;

public sealed class FullRefreshTests
{
    [Fact]
    public async Task Every_record_of_every_stream_arrives_exactly_once_despite_faults()
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 150);
        options.Records["settlement"] = 40; // each settlement costs a request of its own for its transactions
        // The sandbox accepts fewer requests than the engine believes it may send, and does not announce its limit:
        // the engine meets 429s too.
        options.TestRateLimit = 10;
        options.RateLimitHeaders = false;
        options.RateLimitWindow = TimeSpan.FromMilliseconds(500);
        await using var harness = await EngineHarness.StartAsync(options, TestSettings.Create(period: options.RateLimitWindow));
        var faults = harness.Sandbox.Faults;
        faults.Seed = 11;
        faults.ServerErrorRate = 0.08;
        faults.ResetRate = 0.04;
        faults.TruncatedRate = 0.04;
        faults.HtmlErrorRate = 0.03;

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Stream}: {s.Error}")));
        foreach (var stream in StreamCatalog.All)
        {
            var written = harness.Destination.Ids(stream.Name);
            Assert.Equal(written.Count, written.Distinct().Count());
            if (stream.ReadAtField is not null)
            {
                // One reading per currency, all stamped with the same run time.
                Assert.NotEmpty(written);
                Assert.Single(written.Select(id => id.Split('|')[1]).Distinct());
                Assert.Equal(written.Count, written.Select(id => id.Split('|')[0]).Distinct().Count());
                continue;
            }
            Assert.Equal(harness.SandboxIds(stream.Name).Order(), written.Order());
        }
        Assert.True(harness.Sandbox.Requests.Count(status: 500) + harness.Sandbox.Requests.Count(status: 502)
                    + harness.Sandbox.Requests.Count(status: 503) > 0, "faults were injected");
        Assert.True(harness.Sandbox.Requests.Count(status: 429) > 0, "the rate limit was hit");
        Assert.True(harness.Sandbox.Requests.Count(status: 0) > 0, "connections were reset");
        Assert.True(outcome.Streams.Sum(s => s.Stats.Retries) > 0);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task No_record_is_lost_whatever_the_from_and_to_boundary_semantics(bool fromInclusive, bool toInclusive)
    {
        var options = EngineHarness.Sandboxed(recordsPerStream: 300, seed: 3);
        options.FromInclusive = fromInclusive;
        options.ToInclusive = toInclusive;
        var windowLength = TimeSpan.FromDays(30);
        await using var harness = await EngineHarness.StartAsync(options, TestSettings.Create(windowLength: windowLength));
        string[] streams = ["transactions", "invoices"];
        // Records exactly on window edges, several in the same millisecond: the cases a wrong boundary loses.
        foreach (var stream in streams)
            for (var edge = 1; edge <= 6; edge++)
                for (var copy = 0; copy < 3; copy++)
                    harness.Sandbox.Store.Add(StreamCatalog.Get(stream).Path, EngineHarness.StartDate + edge * windowLength);

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: streams));

        Assert.True(outcome.Succeeded);
        foreach (var stream in streams)
        {
            var written = harness.Destination.Ids(stream);
            Assert.Equal(written.Count, written.Distinct().Count());
            Assert.Equal(harness.SandboxIds(stream).Order(), written.Order());
        }
    }

    [Fact]
    public async Task A_window_with_too_many_pages_is_split_and_still_read_completely()
    {
        await using var harness = await EngineHarness.StartAsync(
            EngineHarness.Sandboxed(recordsPerStream: 1_500),
            TestSettings.Create(pageSize: 20, windowLength: TimeSpan.FromDays(2_000), maxPagesPerWindow: 8));

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["transactions"]));

        Assert.True(outcome.Succeeded);
        var written = harness.Destination.Ids("transactions");
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(harness.SandboxIds("transactions").Order(), written.Order());
    }

    [Fact]
    public async Task A_rejected_key_fails_every_stream_at_once_with_a_clear_reason()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(recordsPerStream: 10));
        await using var host = await harness.StartEngineAsync();
        var engine = host.Engine;
        var options = harness.ClientOptions with { SecretKey = "sk_test_wrongkey" };

        var outcome = await engine.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["customers", "refunds"]), options, harness.Destination);

        Assert.False(outcome.Succeeded);
        Assert.All(outcome.Streams, s =>
        {
            Assert.Contains("401", s.Error);
            Assert.Equal(0, s.Restarts);
            Assert.DoesNotContain("sk_test_wrongkey", s.Error);
        });
    }
}

public sealed class UnfilteredStreamTests
{
    [Fact]
    public async Task An_endpoint_without_a_time_filter_is_read_whole_in_one_window_without_from_or_to()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(recordsPerStream: 230),
            TestSettings.Create(pageSize: 20, maxPagesPerWindow: 3));
        var untimed = new StreamDefinition("customers_list", "customer", "createdAt", "id", StreamPaging.PageNumbers, SupportsTimeFilter: false);
        var job = EngineHarness.Job(SyncMode.FullRefresh, streams: []) with
        {
            Streams = [new StreamSelection(untimed, SyncMode.FullRefresh, WriteMode.Append)],
        };

        var outcome = await harness.RunAsync(job);

        Assert.True(outcome.Succeeded);
        Assert.Equal(harness.Sandbox.Store.Ids("customer").Order(), harness.Destination.Ids("customers_list").Order());
        Assert.All(harness.Sandbox.Requests.Entries, r => Assert.DoesNotContain("from=", r.QueryString));
        Assert.Equal(12, harness.Sandbox.Requests.Count()); // 230 records, 20 a page, never split
    }
}
