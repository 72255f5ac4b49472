using Paystack.Actors.State;

namespace Paystack.Actors.Tests.State;

public sealed class StreamStateTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<TimeWindow> Windows = TimeWindow.Tile(Start, Start.AddDays(3), TimeSpan.FromDays(1));

    private static StreamState Started(DateTimeOffset? prior = null)
    {
        var state = new StreamState();
        state = state.Apply(new StreamEvents.RunStarted("run-1", SyncMode.Incremental, Start, Start.AddDays(3), Windows, prior));
        return state;
    }

    [Fact]
    public void Apply_returns_the_next_state_and_leaves_the_one_it_was_given_as_it_was()
    {
        var before = Started();

        var after = before.Apply(new StreamEvents.PagesCompleted(Windows[0], [1], 2, 10, null, DestinationWrites: 1));

        Assert.Empty(before.Run!.OpenWindows[Windows[0]].CompletedPages);
        Assert.Equal(0, before.DestinationWrites);
        Assert.Equal([1], after.Run!.OpenWindows[Windows[0]].CompletedPages);
        Assert.Equal(1, after.DestinationWrites);
    }

    [Fact]
    public void Cursor_advances_only_over_the_contiguous_prefix_of_completed_windows()
    {
        var state = Started();

        state = state.Apply(new StreamEvents.WindowCompleted(Windows[1]));
        Assert.Null(state.Cursor); // the first window is still open: nothing is complete below anything yet

        state = state.Apply(new StreamEvents.WindowCompleted(Windows[0]));
        Assert.Equal(Windows[1].To, state.Cursor);

        state = state.Apply(new StreamEvents.WindowCompleted(Windows[2]));
        Assert.Equal(Start.AddDays(3), state.Cursor);
        Assert.True(state.Run!.IsComplete);
    }

    [Fact]
    public void A_split_window_is_complete_only_when_all_its_parts_are()
    {
        var state = Started();
        var parts = Windows[0].Split(2);
        state = state.Apply(new StreamEvents.WindowSplit(Windows[0], parts));

        state = state.Apply(new StreamEvents.WindowCompleted(parts[1]));
        Assert.Null(state.Cursor);
        state = state.Apply(new StreamEvents.WindowCompleted(parts[0]));
        Assert.Equal(Windows[0].To, state.Cursor);
    }

    [Fact]
    public void Pages_completed_record_the_page_count_the_records_and_the_newest_cursor()
    {
        var state = Started();
        state = state.Apply(new StreamEvents.PagesCompleted(Windows[0], [1, 3], 3, 150, "2024-01-01T10:00:00.000Z"));
        state = state.Apply(new StreamEvents.PagesCompleted(Windows[0], [2], 3, 50, "2024-01-01T09:00:00.000Z"));

        var progress = state.Run!.OpenWindows[Windows[0]];
        Assert.Equal(3, progress.PageCount);
        Assert.True(progress.IsComplete);
        Assert.Equal(200, state.Run.Records);
        Assert.Equal("2024-01-01T10:00:00.000Z", state.MaxCursorSeen);
    }

    [Fact]
    public void A_cursor_handed_in_from_outside_never_moves_back()
    {
        var prior = Start.AddDays(10);
        var state = Started(prior);
        state = state.Apply(new StreamEvents.WindowCompleted(Windows[0]));
        Assert.Equal(prior, state.Cursor);

        state = state.Apply(new StreamEvents.RunCompleted("run-1", Start.AddDays(3)));
        Assert.Equal(prior, state.Cursor);
        Assert.Null(state.Run);
    }

    [Fact]
    public void A_snapshot_restores_the_same_state()
    {
        var state = Started();
        state = state.Apply(new StreamEvents.PagesCompleted(Windows[1], [1], 2, 100, "2024-01-02T01:00:00.000Z"));
        state = state.Apply(new StreamEvents.WindowCompleted(Windows[2]));

        var restored = StreamState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(state.ToSnapshot() with { Run = null }, restored.ToSnapshot() with { Run = null });
        Assert.Equal(state.Run!.Records, restored.Run!.Records);
        Assert.Equal(state.Run.OpenWindows.Keys, restored.Run.OpenWindows.Keys);
        Assert.Equal([1], restored.Run.OpenWindows[Windows[1]].CompletedPages);
        Assert.Equal(state.Run.CompleteBefore, restored.Run.CompleteBefore);

        restored = restored.Apply(new StreamEvents.WindowCompleted(Windows[0]));
        Assert.Equal(Windows[0].To, restored.Cursor); // window 2 done ahead, window 1 still open
    }

    [Fact]
    public void A_window_replaced_by_its_parents_moves_the_cursor_only_past_parents_whose_children_are_done()
    {
        var state = Started();
        TimeWindow[] parents =
        [
            TimeWindow.OfParent("11", Start.AddHours(5)),
            TimeWindow.OfParent("12", Start.AddHours(5)), // same second as 11: the parent id keeps them apart
            TimeWindow.OfParent("13", Start.AddHours(20)),
        ];
        state = state.Apply(new StreamEvents.WindowSplit(Windows[0], parents));
        Assert.Equal(3, state.Run!.OpenWindows.Keys.Count(w => w.Parent is not null));

        state = state.Apply(new StreamEvents.WindowCompleted(parents[2]));
        Assert.Equal(parents[0].From, state.Cursor); // nothing before the oldest open parent is missing
        state = state.Apply(new StreamEvents.WindowCompleted(parents[0]));
        Assert.Equal(parents[0].From, state.Cursor); // its twin of the same second is still open
        state = state.Apply(new StreamEvents.WindowCompleted(parents[1]));
        Assert.Equal(Windows[1].From, state.Cursor); // the rest of the first day held no parent
    }

    [Fact]
    public void A_snapshot_keeps_the_next_cursor_of_a_window_and_the_run_start()
    {
        var state = new StreamState();
        var startedAt = Start.AddDays(3).AddMinutes(7);
        state = state.Apply(new StreamEvents.RunStarted("run-2", SyncMode.FullRefresh, Start, Start.AddDays(3), [Windows[0]], StartedAt: startedAt));
        state = state.Apply(new StreamEvents.PagesCompleted(Windows[0], [1, 2], null, 100, null, NextCursor: "dGVybWluYWw6OQ=="));

        var restored = StreamState.FromSnapshot(state.ToSnapshot());

        Assert.Equal("dGVybWluYWw6OQ==", restored.Run!.OpenWindows[Windows[0]].NextCursor);
        Assert.Equal(startedAt, restored.Run.StartedAt);
    }

    [Fact]
    public void A_restarted_window_forgets_its_pages_and_token_but_not_the_records_written()
    {
        var state = Started();
        state = state.Apply(new StreamEvents.PagesCompleted(Windows[0], [1, 2], null, 100, null, NextCursor: "dGVybWluYWw6OQ=="));

        state = state.Apply(new StreamEvents.WindowRestarted(Windows[0]));

        var progress = state.Run!.OpenWindows[Windows[0]];
        Assert.Empty(progress.CompletedPages);
        Assert.Null(progress.NextCursor);
        Assert.Equal(100, state.Run.Records);
    }
}
