using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Fetching;
using Paystack.Actors.Sync.Writing;
using static Paystack.Actors.Sync.Fetching.PageFetcherProtocol;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Syncs one stream of one account. It squares its journal with the destination, plans creation-time windows up to a
/// frozen upper bound, hands their pages to its PageFetchers, sends the records to the Sink and persists which pages
/// are done only after the Sink acknowledged them. After a crash it replays its journal and fetches only the pages that
/// were not durable. A child stream's windows first list their parent records and are then replaced by one window per
/// parent. The decisions live in <see cref="StreamState"/>, <see cref="DestinationCheck"/>, <see cref="RunPlanner"/>,
/// <see cref="PageDiscovery"/>, <see cref="PagePipeline"/> and <see cref="PagesWritten"/>; this actor wires them. This
/// file holds its start and its fetching; StreamActor.Writing.cs its writing, journaling and completion.
/// </summary>
public sealed partial class StreamActor : ReceivePersistentActor
{
    /// <summary>Carries Stream, and from the start of a run RunId, as properties of every log event (Serilog).</summary>
    private ILoggingAdapter _log;
    private readonly StreamDefinition _stream;
    private readonly EngineSettings _settings;
    private readonly Func<Props> _fetcherProps;
    private readonly IActorRef _sink;
    private readonly string _accountId;
    private readonly string _destinationId;
    private StreamState _state = StreamState.Empty;

    // Run-time bookkeeping; everything durable lives in _state.
    private readonly PagePipeline _pages;
    private readonly PageDiscovery _discovery;
    private readonly PageIntake _intake;
    private readonly CursorRestarts _restarts = new();
    private readonly StreamCounters _counters = new();
    private long _operationId;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private StreamCommands.StartRun? _start;
    private long _recordsSinceCheckpoint;
    private long _lastSnapshotSequenceNr;
    private bool _paused;
    /// <summary>The Sink prepares the stream's table; answers of the first requests wait for it.</summary>
    private bool _sinkBeginning;

    public override string PersistenceId { get; }

    public static Props Props(
        SyncJob job, StreamDefinition stream, EngineSettings settings, IPaystackClient client, IActorRef rateLimiter, IActorRef sink) =>
        Props(job, stream, settings, () => PageFetcher.Props(client, rateLimiter, stream, settings.PageSize), sink);

    /// <param name="fetcherProps">Makes each of its <see cref="EngineSettings.FetchersPerStream"/> page fetchers.</param>
    public static Props Props(SyncJob job, StreamDefinition stream, EngineSettings settings, Func<Props> fetcherProps, IActorRef sink) =>
        Akka.Actor.Props.Create(() => new StreamActor(job.AccountId, job.DestinationId, stream, settings, fetcherProps, sink));

    /// <summary>A stream's journal belongs to one account and one destination: two destinations never share progress.</summary>
    public static string PersistenceIdFor(string accountId, string destinationId, string stream) =>
        $"stream-{accountId}-{destinationId}-{stream}";

    public StreamActor(
        string accountId, string destinationId, StreamDefinition stream, EngineSettings settings, Func<Props> fetcherProps, IActorRef sink)
    {
        (_accountId, _destinationId, _stream, _settings, _fetcherProps, _sink) = (accountId, destinationId, stream, settings, fetcherProps, sink);
        _pages = new PagePipeline(settings.MaxPagesHeld, settings.WriteBatchSize);
        _discovery = new PageDiscovery(stream, settings);
        _intake = new PageIntake(stream, _discovery);
        PersistenceId = PersistenceIdFor(accountId, destinationId, stream.Name);
        _log = Context.GetLogger().WithContext("Stream", stream.Name);

        Recover<SnapshotOffer>(offer =>
        {
            _state = StreamState.FromSnapshot((StreamSnapshot)offer.Snapshot);
            _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<IStreamEvent>(e => _state = _state.Apply(e));

        Command<StreamCommands.StartRun>(Start);
        CommonCommands();
    }

    /// <summary>A fetcher that throws is stopped; its page goes back to the queue and a new fetcher takes its place.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>
    /// An event the journal could not store, or refused, leaves this incarnation's state ahead of the journal: the
    /// stream stops, and its supervisor starts it again from what the journal holds (the pages are fetched again).
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Fail($"the journal could not store progress of {_stream.Name}: {cause.Message}", transient: true, cause);

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Fail($"the journal refused progress of {_stream.Name}: {cause.Message}", transient: true, cause);

    private void Start(StreamCommands.StartRun start)
    {
        (_supervisor, _start) = (Sender, start);
        Progressed();
        var preparer = Context.Watch(Context.ActorOf(StreamPreparer.Props(_sink, new StreamPreparer.Inputs(
            _stream, _state, LastSequenceNr == 0, _accountId, _destinationId, start, _settings)), "preparer"));
        Become(() =>
        {
            Command<StreamPreparer.Prepared>(prepared =>
            {
                Context.Unwatch(preparer);
                if (prepared.Warning is { } warning) _log.Warning("{Stream}: {Reason}", _stream.Name, warning);
                // The first requests go out now, while the run's plan is persisted and the destination prepared; their
                // answers wait in the stash until both are done, so no page is written before its run is durable.
                var planned = prepared.Events.Aggregate(_state, (state, e) => state.Apply(e));
                var opening = StartFetching(planned);
                var events = prepared.Events.Concat(opening).ToList();
                var remaining = events.Count;
                if (remaining == 0)
                {
                    BeginSink(prepared.Resumed, opened: false, planned.Cursor);
                    return;
                }
                PersistAll(events, e =>
                {
                    _state = _state.Apply(e);
                    StreamLog.Persisted(_log, _stream, e);
                    if (--remaining == 0) BeginSink(prepared.Resumed, opening.Count > 0, planned.Cursor);
                });
            });
            Command<StreamPreparer.Failed>(failed => Fail(failed.Reason, transient: true, failed.Cause));
            Command<Terminated>(_ => Fail($"preparing {_stream.Name} failed unexpectedly", transient: true, null));
            WatchForStalls();
            CommonCommands();
        });
    }

    /// <param name="opened">Events opened the windows (<see cref="StartFetching"/>): once the destination is ready they
    /// are followed up as any persisted progress is (checkpoint, progress report), from <paramref name="cursorBeforeOpening"/>.</param>
    private void BeginSink(bool resumed, bool opened, DateTimeOffset? cursorBeforeOpening)
    {
        var run = _state.Run!;
        _log = _log.WithContext("RunId", run.RunId);
        if (resumed) StreamLog.Resuming(_log, _stream, run);
        var id = ++_operationId;
        _sink.Tell(new SinkProtocol.BeginStream(id, _stream, _start!.Selection.WriteMode, run.RunId));
        _sinkBeginning = true;
        Become(() =>
        {
            Command<SinkProtocol.Done>(done => done.Id == id, _ =>
            {
                _sinkBeginning = false;
                Progressed();
                _supervisor.Tell(new StreamReports.Started(_stream.Name, run.RunId, resumed, run.LowerBound, run.UpperBound) { Stats = Stats() });
                Become(Running);
                Stash.UnstashAll();
                if (opened) AfterPersist(cursorBeforeOpening);
                else
                {
                    Dispatch();
                    CompleteIfDone();
                }
            });
            // Answers to the first requests, and fetchers lost meanwhile, are taken once the destination is ready.
            Command<PageFetched>(_ => Stash.Stash());
            Command<PageFailed>(_ => Stash.Stash());
            Command<Terminated>(_ => Stash.Stash());
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not prepare {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            WatchForStalls();
            CommonCommands();
        });
    }

    private void Running()
    {
        Command<PageFetched>(OnPageFetched);
        Command<PageFailed>(OnPageFailed);
        Command<Terminated>(OnFetcherLost);
        Command<SinkProtocol.Done>(done =>
        {
            if (_pages.Written(done.Id) is not { } pages) return;
            Progressed();
            PersistPages(pages, done.DestinationWrites);
        });
        WatchForStalls();
        Command<SinkProtocol.Failed>(failed =>
            Fail($"writing {_stream.Name} to the destination failed: {failed.Error.Message}", transient: true, failed.Error));
        CommonCommands();
    }

    private void CommonCommands()
    {
        Command<StreamCommands.GetProgress>(_ => Sender.Tell(ProgressReport()));
        Command<StreamCommands.Pause>(_ => SetPaused(true));
        Command<StreamCommands.Resume>(_ => SetPaused(false));
        Command<SaveSnapshotSuccess>(success => Prune(success.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failure => _log.Warning("Snapshot of {Stream} failed (the journal still holds everything): {Reason}",
            _stream.Name, failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning("Pruning the journal of {Stream} failed (it is retried after the next snapshot): {Reason}",
            _stream.Name, failure.Cause.Message));
        Command<DeleteSnapshotsFailure>(failure => _log.Warning("Pruning the snapshots of {Stream} failed: {Reason}", _stream.Name, failure.Cause.Message));
    }

    private void SetPaused(bool paused)
    {
        if (paused && !_paused) _log.Info("Stream {Stream} paused: no new pages are dispatched; {InFlight} in flight finish", _stream.Name, _pages.InFlight);
        if (!paused && _paused) _log.Info("Stream {Stream} resumed", _stream.Name);
        _paused = paused;
        if (_start is not null) Progressed();
        _supervisor.Tell(ProgressReport());
        Dispatch();
    }

    /// <summary>
    /// Queues the open windows' pages of the run <paramref name="planned"/> holds (the state once the preparer's events
    /// are persisted), starts the fetchers and sends the first requests. Returns the events that open the windows,
    /// which are persisted with the plan, before any answer is taken.
    /// </summary>
    private List<IStreamEvent> StartFetching(StreamState planned)
    {
        var opening = new List<IStreamEvent>();
        foreach (var (window, progress) in planned.Run!.OpenWindows)
        {
            if (progress.IsComplete) opening.Add(new StreamEvents.WindowCompleted(window));
            else if (_discovery.SizeUnknown(window, progress))
            {
                // Its later pages cannot be asked at a size the journal did not keep: the window is read again. Its
                // pages are answered only after the restart is persisted (with the plan, before answers are taken).
                opening.Add(new StreamEvents.WindowRestarted(window));
                _pages.Enqueue(new PageTask(window, 1));
            }
            else foreach (var task in _discovery.Remaining(window, progress)) _pages.Enqueue(task);
        }
        for (var i = 0; i < _settings.FetchersPerStream; i++) AddFetcher($"fetcher-{i + 1}");
        Dispatch();
        return opening;
    }

    private void AddFetcher(string name) => _pages.AddFetcher(Context.Watch(Context.ActorOf(_fetcherProps(), name)));

    private void Dispatch()
    {
        if (_paused) return;
        foreach (var (fetcher, task) in _pages.Dispatch())
            fetcher.Tell(new Fetch(task.PerPage > 0 ? task : task with { PerPage = _discovery.Sizing.Current }));
    }

    private void OnPageFetched(PageFetched fetched)
    {
        Progressed();
        _pages.Answered(Sender);
        _counters.Count(fetched.Result);
        var (next, outcome) = _intake.Take(_state.Run, fetched.Task, fetched.Result);
        if (_intake.Warning is { } warning) _log.Warning("{Stream}: {Warning}", _stream.Name, warning);
        _pages.PushFront(next);
        switch (outcome)
        {
            case PageIntake.Broken broken:
                Fail($"{_stream.Name}: {broken.Reason}", transient: false, null);
                return;
            case PageIntake.Replace { Parts.Count: 0 } replace:
                PersistEvents([new StreamEvents.WindowCompleted(replace.Window)], 0);
                break;
            case PageIntake.Replace replace:
                Persist(new StreamEvents.WindowSplit(replace.Window, replace.Parts), e =>
                {
                    _state = _state.Apply(e);
                    var reused = replace.Reused;
                    _pages.PushFront(e.Parts.Where(part => part != reused?.Task.Window).Select(part => new PageTask(part, 1)));
                    if (reused is not null)
                    {
                        _discovery.Learned(reused.Task.Window, 1);
                        _pages.Buffer(reused);
                        WriteNextBatch();
                    }
                    Dispatch();
                });
                break;
            case PageIntake.Write write:
                _pages.Buffer(write.Page);
                WriteNextBatch();
                break;
        }
        Dispatch();
    }

    private void OnPageFailed(PageFailed failed)
    {
        _pages.Answered(Sender);
        if (_discovery.Sizing.LowerIfRefused(failed.Task, failed.Error))
        {
            _log.Warning("Paystack refused {PerPage} records a page for {Stream} ({Reason}); asking for {Lower}",
                failed.Task.PerPage, _stream.Name, failed.Error.Message, _discovery.Sizing.Current);
            _pages.PushFront([failed.Task with { PerPage = 0 }]);
            Dispatch();
            return;
        }
        if (!_restarts.IsRefusal(failed.Task, failed.Error))
        {
            _log = _log.WithContext("Window", failed.Task.Window.ToString());
            Fail(Describe(failed.Error, failed.Task), failed.Error is not PaystackApiException { IsTransient: false }, failed.Error);
            return;
        }
        _log.Warning("Paystack refused the cursor of {Stream} {Window} ({Reason}); reading the window again from its first page",
            _stream.Name, failed.Task.Window.ToString(), failed.Error.Message);
        _restarts.Refused(failed.Task.Window);
        RestartReadyWindows();
        Dispatch();
    }

    private void OnFetcherLost(Terminated terminated)
    {
        if (_pages.Lost(terminated.ActorRef) is { } task)
        {
            _log.Warning("A fetcher of {Stream} stopped while fetching {Page}; the page is fetched again", _stream.Name, task.ToString());
            _pages.PushFront([task]);
        }
        AddFetcher(terminated.ActorRef.Path.Name); // the name is free once its actor has terminated
        Dispatch();
    }

    private void RestartReadyWindows()
    {
        var ready = _restarts.Ready(_pages.HoldsPagesOf);
        if (ready.Count > 0)
            PersistAll(ready.Select(window => new StreamEvents.WindowRestarted(window)), e =>
            {
                _state = _state.Apply(e);
                _pages.PushFront([new PageTask(e.Window, 1)]);
                Dispatch();
            });
    }

    private void Fail(string reason, bool transient, Exception? cause)
    {
        if (DiskFull.In(cause)) (reason, transient) = ($"{reason} ({DiskFull.Hint})", false);
        _log.Warning("Stream {Stream} stops: {Reason}", _stream.Name, reason);
        _supervisor.Tell(new StreamReports.Failed(_stream.Name, reason, transient, cause));
        Context.Stop(Self);
    }

    private void StopFetchers()
    {
        foreach (var fetcher in _pages.Fetchers)
        {
            Context.Unwatch(fetcher);
            Context.Stop(fetcher);
        }
    }

    private StreamStats Stats() => _counters.Stats(_state, _pages.InFlight);

    private StreamReports.Progress ProgressReport() =>
        new(_stream.Name, Stats()) { Paused = _paused, PagesPlanned = StreamCounters.PagesPlanned(_state, _discovery.PageCount) };

    private string Describe(Exception error, PageTask task) => error is PaystackApiException api
        ? $"{_stream.Name}: {api.Message}"
        : $"{_stream.Name}: fetching {task} failed: {error.Message}";
}
