using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Supervisor;
using static Paystack.Actors.Runs.AccountRunnerProtocol;
using SyncMode = Paystack.Actors.State.SyncMode;

namespace Paystack.Actors.Tests.Runs;

public sealed class AccountRunnerTests : TestKit
{
    private static readonly SyncRequest Request = new(
        new SourceConfig("sk_test_runner", new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        DestinationSpec.Parse("sqlite:unused.db"),
        [StreamCatalog.Get("transactions"), StreamCatalog.Get("customers")],
        SyncMode.Incremental,
        WriteMode.AppendDedup);

    private readonly FakeEngine _engine = new();
    private readonly RecordingWatcher _watcher = new();
    private readonly IActorRef _runner;

    public AccountRunnerTests() => _runner = Sys.ActorOf(AccountRunner.Props(Request, _engine.Runner, _watcher));

    [Fact]
    public async Task A_run_asked_for_while_one_is_going_is_refused_naming_the_one_going()
    {
        _runner.Tell(new StartRun("schedule"));
        Assert.Equal("schedule", (await ExpectMsgAsync<RunStarted>()).Run.Reason);
        var first = await _engine.NextRunAsync();

        _runner.Tell(new StartRun("admin trigger"));
        var refused = await ExpectMsgAsync<RunRefused>();
        Assert.Equal("schedule", refused.Going?.Reason);
        Assert.False(_engine.HasMoreRuns);

        first.Succeed();
        Assert.Equal(RunEnd.Succeeded, (await _watcher.NextFinishedAsync()).End);
        var status = await _runner.Ask<AccountStatus>(GetStatus.Instance);
        Assert.Null(status.Current);
        Assert.Equal("schedule", status.Last?.Run.Reason);
        Assert.Equal("run-1", status.Last?.Run.RunId);

        _runner.Tell(new StartRun("admin trigger"));
        Assert.Equal("admin trigger", (await ExpectMsgAsync<RunStarted>()).Run.Reason);
        await _engine.NextRunAsync();
    }

    [Fact]
    public async Task Paused_streams_are_kept_across_runs_and_applied_to_the_running_one()
    {
        _runner.Tell(new SetPaused("transactions", true));
        Assert.Equal(new PauseSet("transactions", true, Known: true, AppliedToRun: false), await ExpectMsgAsync<PauseSet>());

        _runner.Tell(new StartRun("schedule"));
        await ExpectMsgAsync<RunStarted>();
        var first = await _engine.NextRunAsync();
        Assert.True(first.Paused("transactions"));
        Assert.False(first.Paused("customers"));

        var supervisor = CreateTestProbe();
        first.Start(supervisor);
        _runner.Tell(new SetPaused("customers", true));
        Assert.Equal("customers", (await supervisor.ExpectMsgAsync<SyncSupervisorProtocol.PauseStream>()).Stream);
        supervisor.Reply(new SyncSupervisorProtocol.PauseState("customers", true, Known: true));
        Assert.Equal(new PauseSet("customers", true, Known: true, AppliedToRun: true), await ExpectMsgAsync<PauseSet>());

        _runner.Tell(new SetPaused("transactions", false));
        Assert.Equal("transactions", (await supervisor.ExpectMsgAsync<SyncSupervisorProtocol.ResumeStream>()).Stream);
        supervisor.Reply(new SyncSupervisorProtocol.PauseState("transactions", false, Known: true));
        Assert.True((await ExpectMsgAsync<PauseSet>()).AppliedToRun);
        Assert.Equal(["customers"], (await _runner.Ask<AccountStatus>(GetStatus.Instance)).PausedStreams);

        first.Succeed();
        await _watcher.NextFinishedAsync();
        _runner.Tell(new StartRun("schedule"));
        await ExpectMsgAsync<RunStarted>();
        var second = await _engine.NextRunAsync();
        Assert.False(second.Paused("transactions"));
        Assert.True(second.Paused("customers"));
    }

    [Fact]
    public async Task A_pause_asked_for_while_the_run_waits_for_the_destination_reaches_its_supervisor_once_it_starts()
    {
        _runner.Tell(new StartRun("schedule"));
        await ExpectMsgAsync<RunStarted>();
        var run = await _engine.NextRunAsync();

        _runner.Tell(new SetPaused("customers", true));
        Assert.Equal(new PauseSet("customers", true, Known: true, AppliedToRun: true), await ExpectMsgAsync<PauseSet>());
        var supervisor = CreateTestProbe();
        run.Start(supervisor);

        Assert.Equal("customers", (await supervisor.ExpectMsgAsync<SyncSupervisorProtocol.PauseStream>()).Stream);
        await supervisor.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_stream_the_account_does_not_sync_is_reported_unknown_and_not_kept()
    {
        _runner.Tell(new SetPaused("refunds", true));

        Assert.False((await ExpectMsgAsync<PauseSet>()).Known);
        Assert.Empty((await _runner.Ask<AccountStatus>(GetStatus.Instance)).PausedStreams);
    }

    [Fact]
    public async Task Stopping_cancels_the_run_going_waits_for_its_end_and_refuses_later_runs()
    {
        _runner.Tell(new StartRun("schedule"));
        await ExpectMsgAsync<RunStarted>();
        await _engine.NextRunAsync();

        _runner.Tell(StopRuns.Instance);
        var stopped = await ExpectMsgAsync<RunsStopped>();
        Assert.Equal(RunEnd.Cancelled, stopped.Cancelled?.End);

        _runner.Tell(new StartRun("admin trigger"));
        Assert.Null((await ExpectMsgAsync<RunRefused>()).Going);
        Assert.False(_engine.HasMoreRuns);
    }

    [Fact]
    public async Task A_run_that_finds_the_destination_leased_is_skipped_and_the_next_one_may_start()
    {
        _runner.Tell(new StartRun("schedule"));
        await ExpectMsgAsync<RunStarted>();
        var run = await _engine.NextRunAsync();

        run.Outcome.SetException(new DestinationBusyException("sqlite:unused.db", run.Job.AccountId, null, TimeSpan.Zero));
        var finished = await _watcher.NextFinishedAsync();
        Assert.Equal(RunEnd.Skipped, finished.End);
        Assert.Contains("another run", finished.Error);

        _runner.Tell(new StartRun("admin trigger"));
        await ExpectMsgAsync<RunStarted>();
    }

    /// <summary>Hears the runner's runs; each run's streams are watched by nothing.</summary>
    private sealed class RecordingWatcher : IRunWatcher
    {
        private readonly Channel<FinishedRun> _finished = Channel.CreateUnbounded<FinishedRun>();

        public ISyncObserver RunStarting(string reason, SyncJob job) => new NoObserver();

        public void RunFinished(FinishedRun finished) => _finished.Writer.TryWrite(finished);

        public async Task<FinishedRun> NextFinishedAsync() =>
            await _finished.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        private sealed class NoObserver : ISyncObserver;
    }
}
