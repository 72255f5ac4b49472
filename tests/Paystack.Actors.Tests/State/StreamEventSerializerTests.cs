using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Engine;
using Paystack.Actors.State;

namespace Paystack.Actors.Tests.State;

public sealed class StreamEventSerializerTests() : TestKit(JournalConfig.InMemory())
{
    private static readonly TimeWindow Window = new(
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<object, string> Events => new()
    {
        { new StreamEvents.RunStarted("r1", SyncMode.Incremental, Window.From, Window.To, [Window], Window.From), "run-started.v1" },
        { new StreamEvents.WindowSplit(Window, Window.Split(2)), "window-split.v1" },
        { new StreamEvents.PagesCompleted(Window, [1, 2], null, 7, "2024-01-01T05:00:00.000Z"), "pages-completed.v2" },
        { new StreamEvents.WindowCompleted(Window), "window-completed.v1" },
        { new StreamEvents.WindowRestarted(Window), "window-restarted.v1" },
        { new StreamEvents.RunCompleted("r1", Window.To), "run-completed.v1" },
        { new StreamEvents.RunStarted("r2", SyncMode.FullRefresh, Window.From, Window.To, [Window], StartedAt: Window.To), "run-started.v1" },
        { new StreamEvents.WindowSplit(Window, [TimeWindow.OfParent("4600000001", Window.From.AddHours(2))]), "window-split.v1" },
        { new StreamEvents.PagesCompleted(Window, [3], null, 50, null, NextCursor: "dGVybWluYWw6OQ=="), "pages-completed.v2" },
        { new StreamEvents.PagesCompleted(Window, [4], 9, 50, null, DestinationWrites: 12), "pages-completed.v2" },
        { new StreamEvents.PagesCompleted(Window, [5], 9, 200, null, DestinationWrites: 13, PerPage: 200), "pages-completed.v2" },
        { new StreamEvents.ProgressRealigned(Window.From, 3, "table transactions is missing"), "progress-realigned.v1" },
        { new StreamEvents.ProgressImported(new StreamSnapshot(Window.To, "2024-01-01T05:00:00.000Z", null), "stream-a-b"), "progress-imported.v2" },
        { new StreamEvents.ProgressHandedOver("0123456789abcdef"), "progress-handed-over.v1" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Events_round_trip_under_their_fixed_manifest(object @event, string manifest)
    {
        var serializer = Sys.Serialization.FindSerializerFor(@event);
        Assert.IsType<StreamEventSerializer>(serializer);
        var withManifest = (StreamEventSerializer)serializer;

        Assert.Equal(manifest, withManifest.Manifest(@event));
        var copy = withManifest.FromBinary(withManifest.ToBinary(@event), manifest);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(@event, @event.GetType()),
            System.Text.Json.JsonSerializer.Serialize(copy, copy.GetType()));
    }

    [Fact]
    public void Pages_and_snapshots_written_before_page_sizes_were_kept_still_read()
    {
        var serializer = (StreamEventSerializer)Sys.Serialization.FindSerializerFor(new StreamEvents.WindowCompleted(Window));
        var pages = """{"window":{"from":"2024-01-01T00:00:00+00:00","to":"2024-01-02T00:00:00+00:00"},"pages":[1],"pageCount":3,"records":100}"""u8;
        var snapshot = """{"cursor":null,"run":{"runId":"r1","mode":"full-refresh","lowerBound":"2024-01-01T00:00:00+00:00","upperBound":"2024-01-02T00:00:00+00:00","completeBefore":"2024-01-01T00:00:00+00:00","openWindows":[{"window":{"from":"2024-01-01T00:00:00+00:00","to":"2024-01-02T00:00:00+00:00"},"pageCount":3,"completedPages":[1]}]}}"""u8;

        var read = Assert.IsType<StreamEvents.PagesCompleted>(serializer.FromBinary(pages.ToArray(), "pages-completed.v1"));
        var state = StreamState.FromSnapshot(Assert.IsType<StreamSnapshot>(serializer.FromBinary(snapshot.ToArray(), "stream-snapshot.v1")));

        Assert.Equal((3, (int?)null), (read.PageCount, read.PerPage));
        Assert.Null(state.Run!.OpenWindows[Window].PerPage);
        Assert.Equal("stream-snapshot.v2", serializer.Manifest(state.ToSnapshot()));
    }

    [Fact]
    public void A_stored_event_reads_back_from_its_json_without_any_type_name()
    {
        var serializer = (StreamEventSerializer)Sys.Serialization.FindSerializerFor(new StreamEvents.WindowCompleted(Window));
        var json = """{"window":{"from":"2024-01-01T00:00:00+00:00","to":"2024-01-02T00:00:00+00:00"}}"""u8.ToArray();

        var @event = Assert.IsType<StreamEvents.WindowCompleted>(serializer.FromBinary(json, "window-completed.v1"));
        Assert.Equal(Window, @event.Window);
    }

    [Fact]
    public void Only_a_parent_window_writes_its_parent()
    {
        var serializer = (StreamEventSerializer)Sys.Serialization.FindSerializerFor(new StreamEvents.WindowCompleted(Window));
        var plain = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new StreamEvents.WindowCompleted(Window)));
        var parent = TimeWindow.OfParent("4600000001", Window.From);
        var withParent = serializer.ToBinary(new StreamEvents.WindowCompleted(parent));

        Assert.DoesNotContain("parent", plain);
        Assert.Equal(parent, Assert.IsType<StreamEvents.WindowCompleted>(serializer.FromBinary(withParent, "window-completed.v1")).Window);
    }

    [Fact]
    public void An_unknown_manifest_is_a_clear_error()
    {
        var serializer = (StreamEventSerializer)Sys.Serialization.FindSerializerFor(new StreamEvents.WindowCompleted(Window));
        var error = Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{}"u8.ToArray(), "something-new.v9"));
        Assert.Contains("something-new.v9", error.Message);
    }
}
