using Paystack.Actors.State;

namespace Paystack.Actors.Tests.Sync;

/// <summary>A server whose page counts cannot be believed, over real HTTP: bounded, loud, nothing silently missing.</summary>
public sealed class PagingMetadataTests
{
    [Fact]
    public async Task A_page_count_that_would_never_end_fails_the_stream_at_once_with_the_reason()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300), TestSettings.Create(pageSize: 50));
        harness.Sandbox.Faults.PageCountFactor = 10_000;

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["customers"]));

        var stream = Assert.Single(outcome.Streams);
        Assert.False(stream.Succeeded);
        Assert.Contains("meta.pageCount", stream.Error);
        Assert.Contains("cannot be trusted", stream.Error);
        Assert.Equal(0, stream.Restarts); // refused for good, not retried
        Assert.InRange(harness.Sandbox.Requests.Count(), 1, 20); // a first page per window at most, never the claimed pages
    }

    [Fact]
    public async Task A_page_count_short_of_the_total_is_read_on_to_an_empty_page_and_nothing_is_missing()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300), TestSettings.Create(pageSize: 20));
        harness.Sandbox.Faults.PageCountFactor = 0.3;

        var outcome = await harness.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["customers"]));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Streams.Select(s => s.Error)));
        Assert.Equal(harness.Sandbox.Store.Ids("customer").Order(), harness.Destination.Ids("customers").Distinct().Order());
    }
}
