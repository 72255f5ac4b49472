using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync.Stream;
using static Paystack.Actors.Sync.Supervisor.SyncSupervisorProtocol;

namespace Paystack.Actors.Sync.Supervisor;

/// <summary>
/// Runs one job of one account: a StreamActor per selected stream. A stream that fails transiently is restarted with
/// backoff (it resumes from its journal); one that keeps failing, or fails for good, is reported failed while the
/// others finish. Answers the job's requester with the outcome of every stream.
/// </summary>
public sealed class SyncSupervisor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly EngineSettings _settings;
    private readonly Func<SyncJob, StreamDefinition, Props> _streamProps;
    private readonly ISyncObserver _observer;
    private readonly Dictionary<string, StreamEntry> _streams = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private RunJob? _run;
    private IActorRef _requester = ActorRefs.Nobody;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="streamProps">Makes the StreamActor of one stream of a job.</param>
    public static Props Props(EngineSettings settings, Func<SyncJob, StreamDefinition, Props> streamProps, ISyncObserver observer) =>
        Akka.Actor.Props.Create(() => new SyncSupervisor(settings, streamProps, observer));

    public SyncSupervisor(EngineSettings settings, Func<SyncJob, StreamDefinition, Props> streamProps, ISyncObserver observer)
    {
        _settings = settings;
        _streamProps = streamProps;
        _observer = observer;

        Receive<RunJob>(Run);
        Receive<StreamReports.Started>(started => _observer.StreamStarted(started));
        Receive<StreamReports.Progress>(progress =>
        {
            if (_streams.TryGetValue(progress.Stream, out var entry))
            {
                entry.LastStats = progress.Stats;
                entry.PagesPlanned = progress.PagesPlanned;
            }
            _observer.Progress(progress);
        });
        Receive<StreamReports.Checkpoint>(checkpoint => _observer.Checkpoint(checkpoint));
        Receive<StreamReports.Completed>(OnCompleted);
        Receive<StreamReports.Failed>(OnFailed);
        Receive<Terminated>(OnTerminated);
        Receive<RestartStream>(restart => StartStream(_streams[restart.Stream]));
        Receive<GetProgress>(_ => Sender.Tell(new ProgressSnapshot(
            _streams.Values.ToDictionary(e => e.Selection.Stream.Name, e => new StreamReports.Progress(e.Selection.Stream.Name, e.LastStats)
            {
                Paused = e.Paused,
                PagesPlanned = e.PagesPlanned,
            }))));
        Receive<PauseStream>(pause => SetPaused(pause.Stream, true));
        Receive<ResumeStream>(resume => SetPaused(resume.Stream, false));
    }

    /// <summary>A stream that throws is stopped, never restarted in place: restarts go through the backoff above.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Run(RunJob run)
    {
        _run = run;
        _requester = Sender;
        _clock.Start();
        foreach (var selection in run.Job.Streams)
        {
            var entry = new StreamEntry(selection) { Paused = selection.Paused };
            _streams[selection.Stream.Name] = entry;
            StartStream(entry);
        }
        FinishIfDone();
    }

    private void StartStream(StreamEntry entry)
    {
        var stream = entry.Selection.Stream;
        entry.Child = Context.ActorOf(_streamProps(_run!.Job, stream), stream.Name);
        Context.Watch(entry.Child);
        // A paused stream stays paused across restarts: the pause goes first, so no page is dispatched before it.
        if (entry.Paused) entry.Child.Tell(StreamCommands.Pause.Instance);
        entry.Started ??= _clock.Elapsed;
        entry.Failure = null;
        entry.Child.Tell(new StreamCommands.StartRun(_run.Job, entry.Selection, _run.RunId, _run.Now));
    }

    private void SetPaused(string stream, bool paused)
    {
        if (!_streams.TryGetValue(stream, out var entry))
        {
            Sender.Tell(new PauseState(stream, paused, Known: false));
            return;
        }
        entry.Paused = paused;
        entry.Child?.Tell(paused ? StreamCommands.Pause.Instance : StreamCommands.Resume.Instance);
        Sender.Tell(new PauseState(stream, paused, Known: true));
    }

    private void OnCompleted(StreamReports.Completed completed)
    {
        var entry = _streams[completed.Stream];
        Finish(entry, new StreamOutcome(completed.Stream, true, completed.Stats, completed.Cursor, null, Elapsed(entry), entry.Restarts));
        if (entry.Child is { } child) Context.Stop(child);
    }

    private void OnFailed(StreamReports.Failed failed)
    {
        var entry = _streams[failed.Stream];
        entry.Failure = failed;
        if (entry.Child is { } child) Context.Stop(child); // restart or give up once it has stopped
    }

    private void OnTerminated(Terminated terminated)
    {
        var entry = _streams.Values.FirstOrDefault(e => Equals(e.Child, terminated.ActorRef));
        if (entry is null || entry.Outcome is not null) return;
        entry.Child = null;

        var failure = entry.Failure ?? new StreamReports.Failed(entry.Selection.Stream.Name, "the stream stopped unexpectedly", Transient: true);
        if (failure.Transient && entry.Restarts < _settings.StreamMaxRestarts)
        {
            entry.Restarts++;
            var delay = Backoff(entry.Restarts);
            _log.Warning("Stream {Stream} failed ({Reason}); restart {Restart} of {MaxRestarts} in {Delay:F1} s",
                failure.Stream, failure.Reason, entry.Restarts, _settings.StreamMaxRestarts, delay.TotalSeconds);
            _observer.StreamRetrying(failure, entry.Restarts, delay);
            Timers.StartSingleTimer($"restart-{failure.Stream}", new RestartStream(failure.Stream), delay);
            return;
        }

        _log.Error("Stream {Stream} failed: {Reason}", failure.Stream, failure.Reason);
        _observer.StreamFailed(failure);
        Finish(entry, new StreamOutcome(failure.Stream, false, entry.LastStats, null, failure.Reason, Elapsed(entry), entry.Restarts));
    }

    private void Finish(StreamEntry entry, StreamOutcome outcome)
    {
        if (entry.Outcome is not null) return;
        entry.Outcome = outcome;
        _observer.StreamFinished(outcome);
        FinishIfDone();
    }

    private void FinishIfDone()
    {
        if (_run is null || _streams.Values.Any(e => e.Outcome is null)) return;
        var outcomes = _run.Job.Streams.Select(s => _streams[s.Stream.Name].Outcome!).ToList();
        _requester.Tell(new SyncOutcome(_run.RunId, outcomes, _clock.Elapsed));
    }

    private TimeSpan Backoff(int restart)
    {
        var delay = _settings.StreamRestartMinBackoff * Math.Pow(2, restart - 1);
        return delay < _settings.StreamRestartMaxBackoff ? delay : _settings.StreamRestartMaxBackoff;
    }

    private TimeSpan Elapsed(StreamEntry entry) => _clock.Elapsed - (entry.Started ?? TimeSpan.Zero);

    private sealed class StreamEntry(StreamSelection selection)
    {
        public StreamSelection Selection { get; } = selection;
        public IActorRef? Child { get; set; }
        public int Restarts { get; set; }
        public TimeSpan? Started { get; set; }
        public StreamStats LastStats { get; set; } = StreamStats.Empty;
        public long PagesPlanned { get; set; }
        public bool Paused { get; set; }
        public StreamReports.Failed? Failure { get; set; }
        public StreamOutcome? Outcome { get; set; }
    }

    /// <summary>The backoff timer of one stream: only ever sent to this actor by itself.</summary>
    private sealed record RestartStream(string Stream) : IDeadLetterSuppression, INoSerializationVerificationNeeded;
}
