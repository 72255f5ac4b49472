using Akka.Actor;
using Akka.Serialization;
using Paystack.Actors.Cluster;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Cluster.AccountEvents;

namespace Paystack.Actors.Tests.Cluster;

public sealed class AccountEntityStateTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_begun_and_not_finished_is_left_to_resume_and_the_schedule_counts_from_its_start()
    {
        var state = AccountEntityState.Empty
            .Apply(new RunBegan("schedule", Noon))
            .Apply(new StreamPauseChanged("refunds", true));

        Assert.Equal(new RunBegan("schedule", Noon), state.Unfinished);
        Assert.Equal(Noon.AddMinutes(15), state.NextDue(after => after.AddMinutes(15), Noon.AddMinutes(3)));
        Assert.Equal(["refunds"], state.Paused);

        var finished = state.Apply(new RunFinished("succeeded", Noon.AddMinutes(1))).Apply(new StreamPauseChanged("refunds", false));
        Assert.Null(finished.Unfinished);
        Assert.Empty(finished.Paused);
        Assert.Null(finished.NextDue(null, Noon));
    }

    [Fact]
    public void The_last_finished_run_is_kept_and_an_older_event_without_it_leaves_it_as_it_was()
    {
        var last = new AccountReplies.FinishedRunView(new AccountReplies.RunView("schedule", Noon, "run-1"), "succeeded", Noon.AddMinutes(1), 320, null);
        var state = AccountEntityState.Empty
            .Apply(new RunBegan("schedule", Noon))
            .Apply(new RunFinished("succeeded", Noon.AddMinutes(1), last));
        Assert.Equal(last, state.LastFinished);

        var older = state.Apply(new RunBegan("admin trigger", Noon.AddMinutes(5))).Apply(new RunFinished("failed", Noon.AddMinutes(6)));
        Assert.Equal(last, older.LastFinished);
        Assert.Null(older.Unfinished);
    }

    [Fact]
    public async Task Events_and_snapshots_journaled_before_the_last_run_was_kept_still_read()
    {
        var system = ActorSystem.Create("serialization", ClusterConfig.Serialization);
        try
        {
            var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(new RunFinished("failed", Noon));
            var finished = (RunFinished)serializer.FromBinary("""{"end":"failed","at":"2026-01-01T12:00:00+00:00"}"""u8.ToArray(), "account-run-finished.v1");
            var snapshot = (AccountEntitySnapshot)serializer.FromBinary(
                """{"unfinished":null,"lastRunBeganAt":"2026-01-01T12:00:00+00:00","paused":["refunds"]}"""u8.ToArray(), "account-snapshot.v1");

            Assert.Equal(new RunFinished("failed", Noon), finished);
            Assert.Null(snapshot.ToState().LastFinished);
            Assert.Equal(["refunds"], snapshot.ToState().Paused);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Before_any_run_the_schedule_counts_from_now()
    {
        var now = Noon.AddSeconds(7);
        Assert.Equal(now.AddMinutes(15), AccountEntityState.Empty.NextDue(after => after.AddMinutes(15), now));
    }

    [Fact]
    public void With_the_first_run_at_once_an_account_that_never_ran_is_due_now_and_one_that_ran_keeps_its_schedule()
    {
        var now = Noon.AddMinutes(3);
        Assert.Equal(now, AccountEntityState.Empty.NextDue(after => after.AddMinutes(15), now, firstRunAtOnce: true));
        Assert.Null(AccountEntityState.Empty.NextDue(null, now, firstRunAtOnce: true));

        var ran = AccountEntityState.Empty.Apply(new AccountEvents.RunBegan("schedule", Noon));
        Assert.Equal(Noon.AddMinutes(15), ran.NextDue(after => after.AddMinutes(15), now, firstRunAtOnce: true));
    }

    [Fact]
    public void A_refused_scheduled_run_is_due_again_one_period_after_the_refusal_not_at_once()
    {
        var refusedAt = Noon.AddMinutes(16);
        var ran = AccountEntityState.Empty.Apply(new AccountEvents.RunBegan("schedule", Noon));
        Assert.Equal(refusedAt.AddMinutes(15), ran.NextDue(after => after.AddMinutes(15), Noon.AddMinutes(17), refusedAt));
        // An account whose first run at once was refused waits a period too, rather than asking again at once.
        Assert.Equal(refusedAt.AddMinutes(15),
            AccountEntityState.Empty.NextDue(after => after.AddMinutes(15), Noon.AddMinutes(17), refusedAt, firstRunAtOnce: true));
    }

    private static readonly AccountReplies.FinishedRunView LastRun =
        new(new AccountReplies.RunView("schedule", Noon, "run-1"), "failed", Noon.AddMinutes(2), 12, "Paystack refused the key");

    public static TheoryData<object> Messages => new()
    {
        new AccountCommands.StartRun("shop-1", "admin trigger"),
        new AccountCommands.SetPaused("shop-1", "refunds", true),
        new AccountCommands.GetStatus("shop-1"),
        new AccountCommands.StopRuns("shop-1"),
        new AccountCommands.WakeUp("shop-1"),
        new RunBegan("schedule", Noon),
        new RunFinished("failed", Noon),
        new RunFinished("failed", Noon, LastRun),
        new StreamPauseChanged("refunds", false),
        new AccountEntitySnapshot(new RunBegan("schedule", Noon), Noon, ["refunds", "transfers"]),
        new AccountEntitySnapshot(null, Noon, [], LastRun),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Commands_events_and_snapshots_cross_nodes_and_the_journal_by_manifest(object message)
    {
        var system = ActorSystem.Create("serialization", ClusterConfig.Serialization);
        try
        {
            var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(message);
            Assert.IsType<AccountMessageSerializer>(serializer);
            var copy = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
            if (message is AccountEntitySnapshot snapshot)
                Assert.Equal(snapshot.ToState(), ((AccountEntitySnapshot)copy).ToState(), StateComparer.Instance);
            else
                Assert.Equal(message, copy);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_reply_with_runs_crosses_nodes()
    {
        var system = ActorSystem.Create("serialization", ClusterConfig.Serialization);
        try
        {
            var run = new AccountReplies.RunView("schedule", Noon, "20260101T120000-abc");
            var streams = new[]
            {
                new StreamView("transactions", "running", false, true, "2026-01-01T11:00:00.000Z", 1, 3, 12, 40, 2400, 14, 1, 1, 4, 0, null, 8.5),
                new StreamView("refunds", "retrying", true, false, null, 0, 1, 0, 0, 0, 2, 2, 0, 0, 2, "Paystack answered 500", null),
            };
            var limiter = new RateLimiterProtocol.LimiterStatus(50, TimeSpan.FromMinutes(1), 320, 3, 16, Noon.AddSeconds(30), 2,
                TimeSpan.FromSeconds(4.25), 100, 100, TimeSpan.FromSeconds(60), Noon.AddHours(1), 7) { Margin = TimeSpan.FromMilliseconds(300) };
            var status = new AccountReplies.StatusReport("shop-1", "akka.tcp://paystack-sync@10.0.0.2:4053", run,
                new AccountReplies.FinishedRunView(run, "succeeded", Noon.AddMinutes(2), 320, null), ["refunds"], Noon.AddMinutes(15), null,
                streams, limiter, 2400);
            var serializer = (SerializerWithStringManifest)system.Serialization.FindSerializerFor(status);
            var copy = (AccountReplies.StatusReport)serializer.FromBinary(serializer.ToBinary(status), serializer.Manifest(status));
            Assert.Equal(status with { PausedStreams = [], Streams = null }, copy with { PausedStreams = [], Streams = null });
            Assert.Equal(status.PausedStreams, copy.PausedStreams);
            Assert.Equal(streams, copy.Streams);
            Assert.Equal(limiter.Margin, copy.RateLimiter!.Margin);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class StateComparer : IEqualityComparer<AccountEntityState>
    {
        public static StateComparer Instance { get; } = new();

        public bool Equals(AccountEntityState? x, AccountEntityState? y) =>
            x!.Unfinished == y!.Unfinished && x.LastRunBeganAt == y.LastRunBeganAt && x.Paused.SequenceEqual(y.Paused)
            && x.LastFinished == y.LastFinished;

        public int GetHashCode(AccountEntityState obj) => 0;
    }
}
