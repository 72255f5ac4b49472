using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync;

public sealed class RunPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 30, 750, TimeSpan.Zero);
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");

    private static StreamCommands.StartRun Start(SyncMode mode, int lookbackDays = 0, string? initialCursor = null, StreamDefinition? stream = null) => new(
        new SyncJob("acct", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), lookbackDays, []),
        new StreamSelection(stream ?? Transactions, mode, WriteMode.AppendDedup, initialCursor), "run", Now);

    [Fact]
    public void The_upper_bound_is_the_start_minus_the_settle_delay_floored_to_a_whole_second()
    {
        var plan = RunPlanner.Plan(null, Start(SyncMode.Incremental), Transactions, TestSettings.Create().Engine);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 25, TimeSpan.Zero), plan.UpperBound); // settle 5 s
    }

    [Fact]
    public void An_incremental_run_starts_at_the_cursor_minus_the_lookback()
    {
        var cursor = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var plan = RunPlanner.Plan(cursor, Start(SyncMode.Incremental, lookbackDays: 7), Transactions, TestSettings.Create().Engine);
        Assert.Equal(cursor.AddDays(-7), plan.LowerBound);
        Assert.Null(plan.PriorCursor);
    }

    [Fact]
    public void A_full_refresh_starts_at_the_start_date_whatever_the_cursor()
    {
        var plan = RunPlanner.Plan(Now.AddDays(-1), Start(SyncMode.FullRefresh), Transactions, TestSettings.Create().Engine);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), plan.LowerBound);
    }

    [Fact]
    public void A_list_without_a_time_filter_is_planned_whole_from_the_start_date_even_when_incremental()
    {
        var terminals = StreamCatalog.Get("terminals");
        var plan = RunPlanner.Plan(Now.AddDays(-1), Start(SyncMode.Incremental, lookbackDays: 7, stream: terminals), terminals, TestSettings.Create().Engine);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), plan.LowerBound);
        Assert.Single(plan.Windows);
        Assert.Equal(Now, plan.StartedAt);
    }

    [Fact]
    public void A_cursor_handed_in_counts_only_when_the_journal_has_none_and_is_kept_as_the_prior_cursor()
    {
        var plan = RunPlanner.Plan(null, Start(SyncMode.Incremental, initialCursor: "2026-11-01T00:00:00.000Z"), Transactions, TestSettings.Create().Engine);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), plan.LowerBound);
        Assert.Equal(plan.LowerBound, plan.PriorCursor);
    }

    [Fact]
    public void A_cursor_in_the_future_plans_an_empty_run()
    {
        var plan = RunPlanner.Plan(null, Start(SyncMode.Incremental, initialCursor: "2099-01-01T00:00:00.000Z"), Transactions, TestSettings.Create().Engine);
        Assert.Empty(plan.Windows);
        Assert.Equal(plan.LowerBound, plan.UpperBound);
    }
}
