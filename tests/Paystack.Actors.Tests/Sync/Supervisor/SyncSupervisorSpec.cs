using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Stream;
using Paystack.Actors.Sync.Supervisor;
using static Paystack.Actors.Sync.Supervisor.SyncSupervisorProtocol;

namespace Paystack.Actors.Tests.Sync.Supervisor;

/// <summary>
/// The SyncSupervisor with scripted children where its StreamActors would be, on virtual time: every backoff is
/// crossed by advancing Akka's TestScheduler, never by waiting.
/// </summary>
public sealed class SyncSupervisorSpec : TestKit
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private const int MaxRestarts = 2;

    private static readonly EngineSettings Settings = TestSettings.Create().Engine with
    {
        StreamMaxRestarts = MaxRestarts,
        StreamRestartMinBackoff = MinBackoff,
        StreamRestartMaxBackoff = MaxBackoff,
    };

    private readonly TestProbe _observed;
    private readonly ScriptedStreams _streams;

    public SyncSupervisorSpec() : base(ActorSpecs.VirtualTime)
    {
        _observed = CreateTestProbe("observer");
        _streams = new ScriptedStreams(this, "customers", "refunds");
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    public enum Ending { ReportsTransientFailureAndStops, StopsWithoutAWord, Throws }

    [Theory]
    [InlineData(Ending.ReportsTransientFailureAndStops)]
    [InlineData(Ending.StopsWithoutAWord)]
    [InlineData(Ending.Throws)]
    public async Task A_stream_that_fails_transiently_is_restarted_after_the_backoff_with_the_same_run(Ending ending)
    {
        var supervisor = Run("run-7", "customers");
        var (first, firstRun) = await _streams.ExpectStartRun("customers", incarnation: 1);
        Assert.Equal("run-7", firstRun.RunId);

        End(first, "customers", ending);
        var retrying = await _observed.ExpectMsgAsync<Retrying>();
        Assert.Equal(new Retrying("customers", 1, MinBackoff), retrying);
        await supervisor.Drained(); // the restart timer is set

        Scheduler.Advance(MinBackoff - Tick);
        await supervisor.Drained();
        Assert.Equal(1, _streams.Started("customers")); // not a tick before the backoff

        Scheduler.Advance(Tick);
        var (second, secondRun) = await _streams.ExpectStartRun("customers", incarnation: 2);
        Assert.Equal(firstRun, secondRun); // same job, selection, run id and planning time: the run resumes
        Assert.NotEqual(first, second);

        second.Tell(new Script.Report(new StreamReports.Completed("customers", StreamStats.Empty, "2024-01-01")));
        var outcome = await ExpectMsgAsync<SyncOutcome>();
        Assert.Equal("run-7", outcome.RunId);
        var customers = Assert.Single(outcome.Streams);
        Assert.True(customers.Succeeded);
        Assert.Equal(1, customers.Restarts);
    }

    [Fact]
    public async Task A_stream_failing_beyond_its_restarts_is_reported_failed_while_the_others_complete()
    {
        var supervisor = Run("run-1", "customers", "refunds");
        var (refunds, _) = await _streams.ExpectStartRun("refunds", incarnation: 1);
        var (customers, _) = await _streams.ExpectStartRun("customers", incarnation: 1);

        // Each restart waits twice as long as the one before: 10 s, then 20 s.
        for (var restart = 1; restart <= MaxRestarts; restart++)
        {
            customers.Tell(new Script.FailAndStop(new StreamReports.Failed("customers", $"outage {restart}", Transient: true)));
            var backoff = MinBackoff * Math.Pow(2, restart - 1);
            Assert.Equal(new Retrying("customers", restart, backoff), await _observed.ExpectMsgAsync<Retrying>());
            await supervisor.Drained();

            Scheduler.Advance(backoff - Tick);
            await supervisor.Drained();
            Assert.Equal(restart, _streams.Started("customers"));
            Scheduler.Advance(Tick);
            (customers, _) = await _streams.ExpectStartRun("customers", incarnation: restart + 1);
        }

        customers.Tell(new Script.FailAndStop(new StreamReports.Failed("customers", "outage 3", Transient: true)));
        var failed = await _observed.ExpectMsgAsync<StreamReports.Failed>();
        Assert.Equal("outage 3", failed.Reason);
        Assert.False((await _observed.ExpectMsgAsync<StreamOutcome>()).Succeeded);

        Scheduler.Advance(MaxBackoff * 10);
        await supervisor.Drained();
        Assert.Equal(MaxRestarts + 1, _streams.Started("customers")); // given up: no further restart

        refunds.Tell(new Script.Report(new StreamReports.Completed("refunds", StreamStats.Empty with { Records = 42 }, null)));
        var outcome = await ExpectMsgAsync<SyncOutcome>();
        Assert.False(outcome.Succeeded);
        Assert.Collection(outcome.Streams,
            c =>
            {
                Assert.Equal(("customers", false, "outage 3", MaxRestarts), (c.Stream, c.Succeeded, c.Error, c.Restarts));
            },
            r =>
            {
                Assert.Equal(("refunds", true, (string?)null, 0), (r.Stream, r.Succeeded, r.Error, r.Restarts));
                Assert.Equal(42, r.Stats.Records);
            });
    }

    [Fact]
    public async Task A_stream_that_fails_for_good_is_not_restarted()
    {
        var supervisor = Run("run-1", "customers");
        var (customers, _) = await _streams.ExpectStartRun("customers", incarnation: 1);

        customers.Tell(new Script.FailAndStop(new StreamReports.Failed("customers", "the key was rejected", Transient: false)));

        var outcome = await ExpectMsgAsync<SyncOutcome>();
        var stream = Assert.Single(outcome.Streams);
        Assert.Equal((false, "the key was rejected", 0), (stream.Succeeded, stream.Error, stream.Restarts));
        Assert.Equal("the key was rejected", (await _observed.FishForMessageAsync<StreamReports.Failed>(_ => true)).Reason);

        Scheduler.Advance(MaxBackoff * 10);
        await supervisor.Drained();
        Assert.Equal(1, _streams.Started("customers"));
    }

    [Fact]
    public async Task A_pause_reaches_the_stream_and_survives_its_restart_and_a_resume_follows()
    {
        var supervisor = Run("run-1", "customers");
        var (first, _) = await _streams.ExpectStartRun("customers", incarnation: 1);

        Assert.Equal(new PauseState("customers", true, Known: true),
            await supervisor.Ask<PauseState>(new PauseStream("customers"), RemainingOrDefault));
        Assert.Same(StreamCommands.Pause.Instance, (await _streams.ExpectGot("customers", incarnation: 1)).Message);

        first.Tell(new Script.FailAndStop(new StreamReports.Failed("customers", "outage", Transient: true)));
        await _observed.ExpectMsgAsync<Retrying>();
        await supervisor.Drained();
        Scheduler.Advance(MinBackoff);

        // The restarted stream is paused before it is told to run, so it never dispatches a page unpaused.
        Assert.Same(StreamCommands.Pause.Instance, (await _streams.ExpectGot("customers", incarnation: 2)).Message);
        Assert.IsType<StreamCommands.StartRun>((await _streams.ExpectGot("customers", incarnation: 2)).Message);

        Assert.Equal(new PauseState("customers", false, Known: true),
            await supervisor.Ask<PauseState>(new ResumeStream("customers"), RemainingOrDefault));
        Assert.Same(StreamCommands.Resume.Instance, (await _streams.ExpectGot("customers", incarnation: 2)).Message);
    }

    [Fact]
    public async Task A_stream_selected_paused_is_paused_before_it_runs()
    {
        var streams = new[] { Selection("customers") with { Paused = true } };
        Sys.ActorOf(SupervisorProps()).Tell(new RunJob(Job(streams), "run-1", DateTimeOffset.UnixEpoch), TestActor);

        Assert.Same(StreamCommands.Pause.Instance, (await _streams.ExpectGot("customers", incarnation: 1)).Message);
        Assert.IsType<StreamCommands.StartRun>((await _streams.ExpectGot("customers", incarnation: 1)).Message);
    }

    [Fact]
    public async Task Pausing_a_stream_the_job_does_not_have_says_so()
    {
        var supervisor = Run("run-1", "customers");
        await _streams.ExpectStartRun("customers", incarnation: 1);

        Assert.Equal(new PauseState("nope", true, Known: false),
            await supervisor.Ask<PauseState>(new PauseStream("nope"), RemainingOrDefault));
        await supervisor.Drained();
        Assert.False(_streams.Probe("customers").HasMessages);
    }

    [Fact]
    public async Task GetProgress_answers_a_snapshot_of_every_stream()
    {
        var supervisor = Run("run-1", "customers", "refunds");
        var (customers, _) = await _streams.ExpectStartRun("customers", incarnation: 1);
        await _streams.ExpectStartRun("refunds", incarnation: 1);

        var stats = StreamStats.Empty with { Records = 120, Pages = 3, WindowsOpen = 2 };
        customers.Tell(new Script.Report(new StreamReports.Progress("customers", stats) { PagesPlanned = 12 }));
        await _observed.ExpectMsgAsync<StreamReports.Progress>();
        await supervisor.Ask<PauseState>(new PauseStream("refunds"), RemainingOrDefault);

        var snapshot = await supervisor.Ask<ProgressSnapshot>(GetProgress.Instance, RemainingOrDefault);

        Assert.Equal(new[] { "customers", "refunds" }, snapshot.Streams.Keys.Order());
        Assert.Equal(new StreamReports.Progress("customers", stats) { PagesPlanned = 12 }, snapshot.Streams["customers"]);
        Assert.Equal(new StreamReports.Progress("refunds", StreamStats.Empty) { Paused = true }, snapshot.Streams["refunds"]);
    }

    private IActorRef Run(string runId, params string[] streams)
    {
        var supervisor = Sys.ActorOf(SupervisorProps());
        supervisor.Tell(new RunJob(Job(streams.Select(Selection).ToList()), runId, DateTimeOffset.UnixEpoch), TestActor);
        return supervisor;
    }

    private Props SupervisorProps() => SyncSupervisor.Props(Settings, _streams.PropsFor, new ObserverProbe(_observed));

    private static SyncJob Job(IReadOnlyList<StreamSelection> streams) =>
        new("acct_test", DateTimeOffset.UnixEpoch, LookbackDays: 0, streams);

    private static StreamSelection Selection(string stream) =>
        new(StreamCatalog.Get(stream), SyncMode.Incremental, WriteMode.AppendDedup);

    private void End(IActorRef stream, string name, Ending ending)
    {
        switch (ending)
        {
            case Ending.ReportsTransientFailureAndStops:
                stream.Tell(new Script.FailAndStop(new StreamReports.Failed(name, "the destination hiccuped", Transient: true)));
                break;
            case Ending.StopsWithoutAWord:
                stream.Tell(Script.Stop.Instance);
                break;
            case Ending.Throws:
                stream.Tell(Script.Crash.Instance); // the supervisor stops a child that throws, never restarts it in place
                break;
        }
    }

    /// <summary>What the observer was told of a restart.</summary>
    private sealed record Retrying(string Stream, int Attempt, TimeSpan Delay);

    /// <summary>Tells a probe what the supervisor tells the job's observer.</summary>
    private sealed class ObserverProbe(TestProbe probe) : ISyncObserver
    {
        public void Progress(StreamReports.Progress progress) => probe.Tell(progress);
        public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay) => probe.Tell(new Retrying(failure.Stream, attempt, delay));
        public void StreamFailed(StreamReports.Failed failure) => probe.Tell(failure);
        public void StreamFinished(StreamOutcome outcome) => probe.Tell(outcome);
    }

    /// <summary>What a scripted stream is told to do by the spec.</summary>
    private static class Script
    {
        /// <summary>Tell the supervisor this, as a StreamActor would.</summary>
        public sealed record Report(object Message);

        public sealed record FailAndStop(StreamReports.Failed Failure);

        public sealed record Stop
        {
            public static Stop Instance { get; } = new();
        }

        public sealed record Crash
        {
            public static Crash Instance { get; } = new();
        }
    }

    /// <summary>A message the supervisor sent to the <paramref name="Incarnation"/>th child of one stream.</summary>
    private sealed record Got(int Incarnation, object Message);

    /// <summary>Stands where a StreamActor would: hands its probe everything the supervisor sends, does what the spec says.</summary>
    private sealed class ScriptedStream : ReceiveActor
    {
        public ScriptedStream(IActorRef probe, int incarnation)
        {
            Receive<Script.Report>(report => Context.Parent.Tell(report.Message));
            Receive<Script.FailAndStop>(fail =>
            {
                Context.Parent.Tell(fail.Failure);
                Context.Stop(Self);
            });
            Receive<Script.Stop>(_ => Context.Stop(Self));
            Receive<Script.Crash>(_ => throw new InvalidOperationException("the stream crashed"));
            ReceiveAny(message => probe.Tell(new Got(incarnation, message), Self));
        }
    }

    /// <summary>The supervisor's child factory: a probe per stream, and how many children of each it has made.</summary>
    /// <remarks>The probes are made up front, on the spec's thread: a probe made inside the supervisor would take over its actor context.</remarks>
    private sealed class ScriptedStreams(TestKit kit, params string[] streams)
    {
        private readonly Dictionary<string, TestProbe> _probes = streams.ToDictionary(s => s, s => kit.CreateTestProbe($"stream-{s}"));
        private readonly ConcurrentDictionary<string, int> _started = new();

        public TestProbe Probe(string stream) => _probes[stream];

        /// <summary>Children made for <paramref name="stream"/> so far; the supervisor calls the factory as it starts one.</summary>
        public int Started(string stream) => _started.GetValueOrDefault(stream);

        public Props PropsFor(SyncJob job, StreamDefinition stream)
        {
            var incarnation = _started.AddOrUpdate(stream.Name, 1, (_, n) => n + 1);
            var probe = Probe(stream.Name).Ref;
            return Props.Create(() => new ScriptedStream(probe, incarnation));
        }

        public async Task<Got> ExpectGot(string stream, int incarnation)
        {
            var got = await Probe(stream).ExpectMsgAsync<Got>();
            Assert.Equal(incarnation, got.Incarnation);
            return got;
        }

        /// <returns>The child, and the run it was told to start.</returns>
        public async Task<(IActorRef Child, StreamCommands.StartRun Run)> ExpectStartRun(string stream, int incarnation)
        {
            var got = await ExpectGot(stream, incarnation);
            return (Probe(stream).LastSender, Assert.IsType<StreamCommands.StartRun>(got.Message));
        }
    }
}
