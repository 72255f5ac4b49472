using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync;

public sealed class DestinationCheckTests
{
    private const string Account = "test-0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(Start, Start.AddDays(1));

    private static DestinationProgress Destination(long writes, DateTimeOffset? cursor = null, bool tableExists = true) =>
        new(true, tableExists, Recorded: true, Account, writes, cursor);

    /// <summary>A journal that completed one run below <see cref="Window"/>'s end after <paramref name="writes"/> writes.</summary>
    private static StreamState Completed(long writes)
    {
        var state = new StreamState();
        state = state.Apply(new StreamEvents.RunStarted("run-1", SyncMode.Incremental, Window.From, Window.To, [Window]));
        state = state.Apply(new StreamEvents.PagesCompleted(Window, [1], 1, 10, null, DestinationWrites: writes));
        state = state.Apply(new StreamEvents.WindowCompleted(Window));
        state = state.Apply(new StreamEvents.RunCompleted("run-1", Window.To));
        return state;
    }

    private static DestinationCheck.Verdict Decide(
        StreamState state, DestinationProgress destination, WriteMode mode = WriteMode.AppendDedup, IReadOnlyList<IStreamEvent>? lastWrite = null) =>
        DestinationCheck.Decide(state, journalEmpty: state.Cursor is null && state.Run is null, destination, Account, "transactions", mode, lastWrite);

    [Fact]
    public void A_journal_the_destination_holds_or_passes_is_trusted()
    {
        Assert.IsType<DestinationCheck.Agreed>(Decide(Completed(4), Destination(4, Window.To)));
        // More writes at the destination than in the journal: a crash between a write and its journal event.
        Assert.IsType<DestinationCheck.Agreed>(Decide(Completed(4), Destination(6, Window.To)));
    }

    [Fact]
    public void A_new_destination_with_a_new_journal_is_read_from_the_start()
    {
        Assert.IsType<DestinationCheck.Agreed>(Decide(new StreamState(), new DestinationProgress(true, false, false, null, 0, null)));
    }

    [Fact]
    public void A_destination_restored_from_an_older_copy_is_read_again_from_its_own_cursor()
    {
        var older = Start.AddHours(6);
        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(Completed(9), Destination(4, older)));

        Assert.Equal(older, realign.Event.Cursor);
        Assert.Equal(4, realign.Event.DestinationWrites);
        Assert.Contains("older copy", realign.Event.Reason);
    }

    [Fact]
    public void A_dropped_table_is_read_in_full()
    {
        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(Completed(4), Destination(4, Window.To, tableExists: false)));

        Assert.Null(realign.Event.Cursor);
        Assert.Contains("table transactions is missing", realign.Event.Reason);
    }

    [Fact]
    public void Dropped_bookkeeping_is_read_in_full()
    {
        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(Completed(4), new DestinationProgress(true, true, false, null, 0, null)));

        Assert.Null(realign.Event.Cursor);
    }

    [Fact]
    public void A_table_written_for_another_account_is_read_in_full()
    {
        var other = Destination(4, Window.To) with { Account = "test-ffffffffffffffff" };

        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(Completed(4), other));
        Assert.Null(realign.Event.Cursor);
    }

    [Fact]
    public void A_lost_journal_carries_on_from_what_the_destination_proves()
    {
        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(new StreamState(), Destination(7, Window.To)));

        Assert.Equal(Window.To, realign.Event.Cursor);
        Assert.Equal(7, realign.Event.DestinationWrites);
    }

    [Fact]
    public void A_table_from_before_destinations_kept_progress_takes_over_the_older_journal()
    {
        var written = new DestinationProgress(true, TableExists: true, Recorded: false, null, 0, null);

        Assert.IsType<DestinationCheck.ImportOlderJournal>(Decide(new StreamState(), written));
        // Once imported (no write counted yet), the journal is trusted.
        Assert.IsType<DestinationCheck.Agreed>(Decide(Completed(0), written));
    }

    [Fact]
    public void An_unfinished_overwrite_whose_staging_table_is_gone_starts_again()
    {
        var state = Completed(4);
        state = state.Apply(new StreamEvents.RunStarted("run-2", SyncMode.FullRefresh, Window.From, Window.To, [Window]));
        state = state.Apply(new StreamEvents.PagesCompleted(Window, [1], 2, 10, null, DestinationWrites: 5));

        var staged = Destination(5, Window.To) with { StagedRunId = "run-2", StagingExists = true };
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, staged, WriteMode.Overwrite));
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, staged with { StagingExists = false, SwappedRunId = "run-2" }, WriteMode.Overwrite));

        var realign = Assert.IsType<DestinationCheck.Realign>(Decide(state, staged with { StagingExists = false }, WriteMode.Overwrite));
        Assert.Equal(Window.To, realign.Event.Cursor); // the stream's cursor stays; only the run starts again
    }

    [Fact]
    public void A_write_the_journal_missed_is_caught_up_from_its_receipt()
    {
        var state = new StreamState()
            .Apply(new StreamEvents.RunStarted("run-2", SyncMode.Incremental, Window.From, Window.To, [Window]))
            .Apply(new StreamEvents.PagesCompleted(Window, [1], 3, 10, null, DestinationWrites: 4));
        IReadOnlyList<IStreamEvent> receipt = [new StreamEvents.PagesCompleted(Window, [2], 3, 10, null)];

        var catchUp = Assert.IsType<DestinationCheck.CatchUp>(Decide(state, Destination(5), lastWrite: receipt));
        var pages = Assert.IsType<StreamEvents.PagesCompleted>(Assert.Single(catchUp.Events));
        Assert.Equal([2], pages.Pages);
        Assert.Equal(5, pages.DestinationWrites);

        // Without a receipt of the journal's run, or level with the journal, there is nothing to catch up.
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, Destination(5)));
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, Destination(4), lastWrite: receipt));
    }

    [Fact]
    public void An_unfinished_first_overwrite_is_not_taken_for_rows_in_its_missing_table()
    {
        var state = new StreamState()
            .Apply(new StreamEvents.RunStarted("run-1", SyncMode.FullRefresh, Window.From, Window.To, [Window]))
            .Apply(new StreamEvents.PagesCompleted(Window, [1], 1, 10, null, DestinationWrites: 1))
            .Apply(new StreamEvents.WindowCompleted(Window));
        var staged = new DestinationProgress(true, TableExists: false, true, Account, 1, null, StagedRunId: "run-1", StagingExists: true);

        Assert.NotNull(state.Cursor); // the cursor moved mid-run: it describes the staging table
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, staged, WriteMode.Overwrite));
    }

    [Fact]
    public void A_destination_that_proves_nothing_leaves_the_journal_as_it_is()
    {
        Assert.IsType<DestinationCheck.Agreed>(Decide(Completed(9), DestinationProgress.Unverifiable));
    }

    [Fact]
    public void Realigning_applies_to_the_state_even_backwards()
    {
        var state = Completed(9);
        state = state.Apply(new StreamEvents.ProgressRealigned(Start.AddHours(2), 4, "restored"));

        Assert.Equal(Start.AddHours(2), state.Cursor);
        Assert.Null(state.Run);
        Assert.Equal(4, state.DestinationWrites);
    }
}
