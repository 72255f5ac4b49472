using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Engine;
using Paystack.Actors.Monitoring;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Supervisor;
using static Paystack.Actors.Runs.AccountRunnerProtocol;

namespace Paystack.Actors.Runs;

/// <summary>
/// Runs one account's syncs one at a time: a run asked for while one is going is refused, naming the one going. Keeps
/// which streams are paused, tells the running job's supervisor of every change and starts each later run with them
/// paused. Answers what is going and how the last run ended; every run and its streams are measured in SyncMetrics.
/// </summary>
public sealed class AccountRunner : ReceiveActor
{
    private static readonly TimeSpan SupervisorAskTimeout = TimeSpan.FromSeconds(3);

    private readonly SyncRequest _request;
    private readonly JobRunner _runJob;
    private readonly IRunWatcher _watcher;
    private readonly HashSet<string> _streams;
    private readonly SortedSet<string> _paused = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _awaitingStop = [];
    private Going? _going;
    private FinishedRun? _last;
    private int _runsStarted;
    private bool _stopping;

    /// <param name="request">What every run syncs; each run's job is built from it with the streams paused at that time.</param>
    public static Props Props(SyncRequest request, JobRunner runJob, IRunWatcher watcher) =>
        Akka.Actor.Props.Create(() => new AccountRunner(request, runJob, watcher));

    public AccountRunner(SyncRequest request, JobRunner runJob, IRunWatcher watcher)
    {
        _request = request;
        _runJob = runJob;
        _watcher = watcher;
        _streams = request.Streams.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Receive<StartRun>(Start);
        Receive<JobStarted>(OnJobStarted);
        Receive<RunEnded>(OnRunEnded);
        Receive<SetPaused>(SetStreamPaused);
        Receive<GetStatus>(_ => Sender.Tell(new AccountStatus(_going?.Run, _last, [.. _paused])));
        Receive<StopRuns>(_ => Stop(cancel: true));
        Receive<FinishRuns>(_ => Stop(cancel: false));
    }

    private void Start(StartRun start)
    {
        if (_stopping || _going is not null)
        {
            Sender.Tell(new RunRefused(_going?.Run));
            return;
        }
        var job = SyncJobs.For(_request, _paused);
        var observer = _watcher.RunStarting(start.Reason, job);
        var going = new Going(++_runsStarted, new AccountRun(start.Reason, DateTimeOffset.UtcNow, job, observer));
        _going = going;
        RunToEndAsync(going, Self).PipeTo(Self);
        Sender.Tell(new RunStarted(going.Run));
    }

    /// <summary>Off the runner's thread (opening a destination may block); every ending becomes a <see cref="RunEnded"/>.</summary>
    private async Task<RunEnded> RunToEndAsync(Going going, IActorRef self)
    {
        var observer = new CompositeSyncObserver(going.Run.Observer, new MetricsObserver(_request.Source.AccountId));
        try
        {
            var outcome = await Task.Run(() => _runJob(
                going.Run.Job, observer, job => self.Tell(new JobStarted(going.Number, job)), going.Cancellation.Token));
            return new RunEnded(going.Number, outcome, null);
        }
        catch (Exception failure)
        {
            return new RunEnded(going.Number, null, failure);
        }
    }

    private void OnJobStarted(JobStarted started)
    {
        if (_going is not { } going || going.Number != started.Run) return;
        going.Supervisor = started.Job.Supervisor;
        going.Run = going.Run with { RunId = started.Job.RunId };
        // The job was built when the run was asked for; pauses changed while it waited for the destination go now.
        // The supervisor had its job before this message was sent, so it knows every stream named here.
        foreach (var selection in going.Run.Job.Streams)
        {
            var name = selection.Stream.Name;
            if (selection.Paused != _paused.Contains(name)) going.Supervisor.Tell(Command(name, _paused.Contains(name)));
        }
    }

    private void SetStreamPaused(SetPaused set)
    {
        if (!_streams.Contains(set.Stream))
        {
            Sender.Tell(new PauseSet(set.Stream, set.Paused, Known: false, AppliedToRun: false));
            return;
        }
        if (set.Paused) _paused.Add(set.Stream);
        else _paused.Remove(set.Stream);

        if (_going is not { } going)
        {
            Sender.Tell(new PauseSet(set.Stream, set.Paused, Known: true, AppliedToRun: false));
            return;
        }
        _watcher.PauseChanged(going.Run, set.Stream, set.Paused);
        if (going.Supervisor is not { } supervisor)
        {
            Sender.Tell(new PauseSet(set.Stream, set.Paused, Known: true, AppliedToRun: true)); // told once it starts
            return;
        }
        supervisor.Ask<SyncSupervisorProtocol.PauseState>(Command(set.Stream, set.Paused), SupervisorAskTimeout)
            .PipeTo(Sender,
                success: state => new PauseSet(set.Stream, set.Paused, Known: true, AppliedToRun: state.Known),
                failure: _ => new PauseSet(set.Stream, set.Paused, Known: true, AppliedToRun: false));
    }

    private static object Command(string stream, bool paused) => paused
        ? new SyncSupervisorProtocol.PauseStream(stream)
        : new SyncSupervisorProtocol.ResumeStream(stream);

    private void OnRunEnded(RunEnded ended)
    {
        if (_going is not { } going || going.Number != ended.Run) return;
        _going = null;
        var finished = Finished(going.Run, ended, DateTimeOffset.UtcNow);
        _last = finished;
        SyncMetrics.RunFinished(_request.Source.AccountId, finished.EndLabel, finished.Duration);
        _watcher.RunFinished(finished);
        foreach (var waiting in _awaitingStop) waiting.Tell(new RunsStopped(finished));
        _awaitingStop.Clear();
    }

    private static FinishedRun Finished(AccountRun run, RunEnded ended, DateTimeOffset now) => ended switch
    {
        { Outcome: { } outcome } => new FinishedRun(run with { RunId = outcome.RunId },
            outcome.Succeeded ? RunEnd.Succeeded : RunEnd.Failed, now, outcome, FailedStreams(outcome), null),
        { Failure: DestinationBusyException busy } => new FinishedRun(run, RunEnd.Skipped, now, null, busy.Message, busy),
        { Failure: OperationCanceledException } => new FinishedRun(run, RunEnd.Cancelled, now, null, null, null),
        { Failure: { } failure } => new FinishedRun(run, RunEnd.Failed, now, null, failure.Message, failure),
        _ => throw new InvalidOperationException("A run ended with neither an outcome nor a failure."),
    };

    private static string? FailedStreams(SyncOutcome outcome) => outcome.Succeeded
        ? null
        : string.Join("; ", outcome.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Stream}: {s.Error}"));

    /// <param name="cancel">Cancel the run going, or let it finish.</param>
    private void Stop(bool cancel)
    {
        _stopping = true;
        if (_going is not { } going)
        {
            Sender.Tell(new RunsStopped(null));
            return;
        }
        _awaitingStop.Add(Sender);
        if (cancel) CancelOffThread(going);
    }

    /// <summary>The runner is stopped (or the actor system is going down): the run cannot report its end here, so it is cancelled.</summary>
    protected override void PostStop()
    {
        if (_going is { } going) CancelOffThread(going);
        _watcher.RunnerStopped();
    }

    /// <summary>Cancellation callbacks run the engine's clean-up; they belong on the thread pool, not on this actor's thread.</summary>
    private static void CancelOffThread(Going going) => _ = going.Cancellation.CancelAsync();

    private sealed class Going(int number, AccountRun run)
    {
        public int Number { get; } = number;
        public AccountRun Run { get; set; } = run;
        public IActorRef? Supervisor { get; set; }
        public CancellationTokenSource Cancellation { get; } = new();
    }

    /// <summary>From the engine: the run's supervisor exists and has its job.</summary>
    private sealed record JobStarted(int Run, RunningJob Job) : INoSerializationVerificationNeeded, IDeadLetterSuppression;

    /// <summary>The run's task ended; it may land after the runner stopped (the system is shutting down).</summary>
    private sealed record RunEnded(int Run, SyncOutcome? Outcome, Exception? Failure) : INoSerializationVerificationNeeded, IDeadLetterSuppression;
}
