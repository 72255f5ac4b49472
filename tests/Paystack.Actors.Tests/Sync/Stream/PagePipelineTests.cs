using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync.Stream;

/// <summary>What bounds a stream's memory: pages held (fetching or waiting to be written), not the number of fetchers.</summary>
public sealed class PagePipelineTests : TestKit
{
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(From, From.AddDays(30));

    [Fact]
    public void More_fetchers_than_pages_held_leave_the_rest_idle_until_a_write_frees_room()
    {
        var pipeline = new PagePipeline(maxPagesHeld: 4, writeBatchSize: 1000);
        var fetchers = Enumerable.Range(0, 6).Select(_ => CreateTestProbe().Ref).ToList();
        fetchers.ForEach(pipeline.AddFetcher);
        for (var page = 1; page <= 10; page++) pipeline.Enqueue(new PageTask(Window, page));

        var first = pipeline.Dispatch();
        Assert.Equal(4, first.Count); // six fetchers idle, four pages may be held

        // Two answers: their pages wait to be written, still held, so nothing more goes out.
        foreach (var (fetcher, task) in first.Take(2))
        {
            pipeline.Answered(fetcher);
            pipeline.Buffer(new FetchedPage(task, [Record(task.Page)]));
        }
        Assert.Empty(pipeline.Dispatch());

        // Handed to the destination they no longer count: two more pages go out.
        var batch = pipeline.NextBatch();
        Assert.Equal(2, batch!.Value.Pages.Count);
        pipeline.Writing(1, batch.Value.Pages);
        Assert.Equal([5, 6], pipeline.Dispatch().Select(d => d.Task.Page));
        Assert.Equal(4, pipeline.InFlight);
    }

    [Fact]
    public void With_the_shipped_settings_one_stream_alone_fills_every_slot_of_its_key()
    {
        // A run's last burst can be one stream's pages: fewer than the key's slots would leave part to another window.
        var engine = SyncSettingsLoader.Defaults().Engine;
        var slots = SyncSettingsLoader.Defaults().RateLimits.MaxInFlight;
        var pipeline = new PagePipeline(engine.MaxPagesHeld, engine.WriteBatchSize);
        for (var i = 0; i < engine.FetchersPerStream; i++) pipeline.AddFetcher(CreateTestProbe().Ref);
        for (var page = 1; page <= 2 * slots; page++) pipeline.Enqueue(new PageTask(Window, page));

        Assert.Equal(slots, pipeline.Dispatch().Count);
    }

    private static PaystackRecord Record(int id) => new(id.ToString(), From.AddHours(id), null, "{}");
}
