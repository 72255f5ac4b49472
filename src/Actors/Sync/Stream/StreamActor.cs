using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Fetching;
using Paystack.Actors.Sync.Writing;
using static Paystack.Actors.Sync.Fetching.PageFetcherProtocol;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Syncs one stream of one account. It plans creation-time windows up to a frozen upper bound, hands their pages to its
/// PageFetchers, sends the records to the Sink and persists which pages are done only after the Sink acknowledged them.
/// After a crash it replays its journal and fetches only the pages that were not durable. A child stream's windows first
/// list their parent records and are then replaced by one window per parent.
/// </summary>
public sealed class StreamActor : ReceivePersistentActor
{
    /// <summary>Carries Stream, and from the start of a run RunId, as properties of every log event (Serilog).</summary>
    private ILoggingAdapter _log;
    private readonly StreamDefinition _stream;
    private readonly EngineSettings _settings;
    private readonly Func<Props> _fetcherProps;
    private readonly IActorRef _sink;
    private StreamState _state = new();

    // Run-time bookkeeping; everything durable lives in _state.
    private readonly WorkQueue _pending = new();
    private readonly HashSet<PageTask> _inFlight = [];
    private readonly Queue<IActorRef> _idleFetchers = new();
    private readonly List<FetchedPage> _buffer = [];
    private readonly PageDiscovery _discovery;
    private readonly ParentListing _listing = new();
    /// <summary>Cursor windows whose token Paystack refused: read again from page 1 once their fetched pages are written.</summary>
    private readonly HashSet<TimeWindow> _restarting = [];
    private readonly HashSet<TimeWindow> _restarted = [];
    private (long Id, List<FetchedPage> Pages)? _writing;
    private readonly string _accountId;
    private readonly string _destinationId;
    private long _operationId;
    private IActorRef _supervisor = ActorRefs.Nobody;
    private StreamCommands.StartRun? _start;
    private long _recordsSinceCheckpoint;
    private long _requests, _retries, _rateLimited;
    private long _lastSnapshotSequenceNr;
    private bool _paused;

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
        _accountId = accountId;
        _destinationId = destinationId;
        _stream = stream;
        _settings = settings;
        _fetcherProps = fetcherProps;
        _sink = sink;
        _discovery = new PageDiscovery(stream, settings);
        PersistenceId = PersistenceIdFor(accountId, destinationId, stream.Name);
        _log = Context.GetLogger().WithContext("Stream", stream.Name);

        Recover<SnapshotOffer>(offer =>
        {
            _state = StreamState.FromSnapshot((StreamSnapshot)offer.Snapshot);
            _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<IStreamEvent>(e => _state = _state.Apply(e));

        Idle();
    }

    private void Idle()
    {
        Command<StreamCommands.StartRun>(Start);
        CommonCommands();
    }

    /// <summary>First asks the destination what it holds of the stream, and squares the journal with it.</summary>
    private void Start(StreamCommands.StartRun start)
    {
        _supervisor = Sender;
        _start = start;
        var id = ++_operationId;
        _sink.Tell(new SinkProtocol.ReadProgress(id, _stream));
        Become(() =>
        {
            Command<SinkProtocol.ProgressRead>(read => read.Id == id, read => Check(read.Progress));
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not be read for {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            CommonCommands();
        });
    }

    private void Check(DestinationProgress destination)
    {
        switch (DestinationCheck.Decide(_state, LastSequenceNr == 0, destination, _accountId, _stream.Name, _start!.Selection.WriteMode))
        {
            case DestinationCheck.Realign realign:
                _log.Warning("{Stream}: {Reason}", _stream.Name, realign.Event.Reason);
                Persist(realign.Event, e =>
                {
                    _state = _state.Apply(e);
                    ResumeOrPlan();
                });
                break;
            case DestinationCheck.ImportOlderJournal:
                ImportOlderJournal();
                break;
            default:
                ResumeOrPlan();
                break;
        }
    }

    /// <summary>The table predates destinations' own records: its progress is in the journal of that time, if anywhere.</summary>
    private void ImportOlderJournal()
    {
        var reader = Context.ActorOf(OlderJournalReader.Props(_accountId, _stream.Name, _destinationId, Self), "older-journal");
        Context.Watch(reader);
        Become(() =>
        {
            Command<OlderJournalReader.Result>(result =>
            {
                Context.Unwatch(reader);
                if (result.Progress is null)
                {
                    _log.Warning("{Stream}: the {Stream} table holds rows that no journal accounts for; the stream is read in full " +
                                 "(in append mode its rows may appear twice)", _stream.Name, _stream.Name);
                    ResumeOrPlan();
                    return;
                }
                Persist(new StreamEvents.ProgressImported(result.Progress, result.From), e =>
                {
                    _state = _state.Apply(e);
                    _log.Info("{Stream}: progress taken over from the journal {From}, written before journals were bound to destinations",
                        _stream.Name, e.From);
                    ResumeOrPlan();
                });
            });
            Command<Terminated>(_ => Fail($"the older journal of {_stream.Name} could not be read", transient: true, null));
            CommonCommands();
        });
    }

    private void ResumeOrPlan()
    {
        var start = _start!;
        if (_state.Run is { } unfinished && unfinished.Mode == start.Selection.Mode)
        {
            _log = _log.WithContext("RunId", unfinished.RunId);
            _log.Info("Resuming run {RunId} of {Stream}: {OpenWindows} windows open, {Records} records already durable",
                unfinished.RunId, _stream.Name, unfinished.OpenWindows.Count, unfinished.Records);
            BeginSink(resumed: true);
            return;
        }

        Persist(RunPlanner.Plan(_state.Cursor, start, _stream, _settings), e =>
        {
            _log = _log.WithContext("RunId", e.RunId);
            if (_stream.SupportsTimeFilter)
                _log.Info("Run {RunId} of {Stream}: records created {LowerBound} to {UpperBound}, {Windows} windows",
                    e.RunId, _stream.Name, CursorFormat.Format(e.LowerBound), CursorFormat.Format(e.UpperBound), e.Windows.Count);
            else
                _log.Info("Run {RunId} of {Stream}: the whole list", e.RunId, _stream.Name);
            _state = _state.Apply(e);
            BeginSink(resumed: false);
        });
    }

    private void BeginSink(bool resumed)
    {
        var run = _state.Run!;
        var id = ++_operationId;
        _sink.Tell(new SinkProtocol.BeginStream(id, _stream, _start!.Selection.WriteMode, run.RunId));
        Become(() =>
        {
            Command<SinkProtocol.Done>(done => done.Id == id, _ =>
            {
                _supervisor.Tell(new StreamReports.Started(_stream.Name, run.RunId, resumed, run.LowerBound, run.UpperBound) { Stats = Stats() });
                Become(Running);
                StartFetching();
            });
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not prepare {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            CommonCommands();
        });
    }

    private void Running()
    {
        Command<PageFetched>(OnPageFetched);
        Command<PageFailed>(failed =>
        {
            if (IsRefusedCursor(failed))
            {
                Restart(failed.Task, failed.Error);
                return;
            }
            _log = _log.WithContext("Window", failed.Task.Window.ToString());
            Fail(Describe(failed.Error, failed.Task), IsTransient(failed.Error), failed.Error);
        });
        Command<SinkProtocol.Done>(OnWritten);
        Command<SinkProtocol.Failed>(failed =>
            Fail($"writing {_stream.Name} to the destination failed: {failed.Error.Message}", transient: true, failed.Error));
        CommonCommands();
    }

    private void CommonCommands()
    {
        Command<StreamCommands.GetProgress>(_ => Sender.Tell(ProgressReport()));
        Command<StreamCommands.Pause>(_ =>
        {
            if (!_paused) _log.Info("Stream {Stream} paused: no new pages are dispatched; {InFlight} in flight finish", _stream.Name, _inFlight.Count);
            _paused = true;
            _supervisor.Tell(ProgressReport());
        });
        Command<StreamCommands.Resume>(_ =>
        {
            if (_paused) _log.Info("Stream {Stream} resumed", _stream.Name);
            _paused = false;
            _supervisor.Tell(ProgressReport());
            Dispatch();
        });
        Command<SaveSnapshotSuccess>(success => _lastSnapshotSequenceNr = success.Metadata.SequenceNr);
        Command<SaveSnapshotFailure>(failure => _log.Warning("Snapshot of {Stream} failed (the journal still holds everything): {Reason}",
            _stream.Name, failure.Cause.Message));
    }

    private void StartFetching()
    {
        var run = _state.Run!;
        var finishedButOpen = new List<TimeWindow>();
        foreach (var (window, progress) in run.OpenWindows)
        {
            if (progress.IsComplete) finishedButOpen.Add(window);
            else foreach (var task in _discovery.Remaining(window, progress)) _pending.Enqueue(task);
        }

        for (var i = 0; i < _settings.FetchersPerStream; i++)
            _idleFetchers.Enqueue(Context.ActorOf(_fetcherProps(), $"fetcher-{i + 1}"));

        if (finishedButOpen.Count > 0)
            PersistCompletedWindows(finishedButOpen);
        Dispatch();
        CompleteIfDone();
    }

    private void Dispatch()
    {
        if (_paused) return;
        var maxPagesHeld = _settings.FetchersPerStream * 2;
        while (_idleFetchers.Count > 0 && _inFlight.Count + _buffer.Count < maxPagesHeld && _pending.TryDequeue(out var task))
        {
            _inFlight.Add(task);
            _idleFetchers.Dequeue().Tell(new Fetch(task));
        }
    }

    private void OnPageFetched(PageFetched fetched)
    {
        var (task, result) = (fetched.Task, fetched.Result);
        _inFlight.Remove(task);
        _idleFetchers.Enqueue(Sender);
        _requests += result.Attempts;
        _retries += result.Attempts - 1;
        _rateLimited += result.RateLimited;

        var window = task.Window;
        if (_state.Run?.OpenWindows.TryGetValue(window, out var progress) != true)
        {
            Dispatch();
            return;
        }

        var next = _discovery.Learn(task, result, progress!, out var parts);
        if (next is null)
        {
            // Too many pages: the window is split and its parts fetched instead; this first page is dropped.
            _listing.Drop(window);
            Split(window, window.Split(parts));
            return;
        }
        _pending.PushFront(next);

        var inside = PageRequests.FiltersByTime(_stream, window)
            ? result.Records.Where(r => r.CreatedAt is not { } at || window.Contains(at)).ToList()
            : result.Records;
        if (IsParentListing(window))
            CollectParents(task, inside, progress!);
        else
        {
            _buffer.Add(new FetchedPage(task, RecordEnricher.Enrich(_stream, window, _state.Run!, inside), _discovery.NextCursor(task, result)));
            WriteBuffered();
        }
        Dispatch();
    }

    /// <summary>
    /// A 400 for a page asked for by cursor means the token is no longer honoured (it may come from a journal written
    /// long ago). Reading the window again from its first page recovers; a second refusal in the same run does not.
    /// </summary>
    private bool IsRefusedCursor(PageFailed failed) =>
        failed.Task.Cursor is not null
        && failed.Error is PaystackApiException { Kind: PaystackErrorKind.BadRequest }
        && !_restarted.Contains(failed.Task.Window);

    private void Restart(PageTask task, Exception error)
    {
        _inFlight.Remove(task);
        _idleFetchers.Enqueue(Sender);
        _log.Warning("Paystack refused the cursor of {Stream} {Window} ({Reason}); reading the window again from its first page",
            _stream.Name, task.Window.ToString(), error.Message);
        _restarted.Add(task.Window);
        _restarting.Add(task.Window);
        RestartWindowsWritten();
        Dispatch();
    }

    /// <summary>Restarts the refused windows none of whose fetched pages still wait to be written.</summary>
    private void RestartWindowsWritten()
    {
        var ready = _restarting.Where(w => !_buffer.Any(p => p.Task.Window == w) && _writing?.Pages.Any(p => p.Task.Window == w) != true).ToList();
        if (ready.Count == 0) return;
        _restarting.ExceptWith(ready);
        PersistAll(ready.Select(window => new StreamEvents.WindowRestarted(window)), e =>
        {
            _state = _state.Apply(e);
            _pending.PushFront([new PageTask(e.Window, 1)]);
            Dispatch();
        });
    }

    private bool IsParentListing(TimeWindow window) => _stream.Parent is not null && window.Parent is null;

    /// <summary>A child stream's window, once all its parents are listed, is replaced by one window per parent.</summary>
    private void CollectParents(PageTask task, IReadOnlyList<PaystackRecord> parents, WindowProgress progress)
    {
        var window = task.Window;
        _listing.Add(task, parents);
        if (!_listing.TryComplete(window, _discovery.PageCount(window, progress), out var parentWindows)) return;
        if (parentWindows.Count == 0) PersistCompletedWindows([window]);
        else Split(window, parentWindows);
    }

    private void Split(TimeWindow window, IReadOnlyList<TimeWindow> parts)
    {
        Persist(new StreamEvents.WindowSplit(window, parts), e =>
        {
            _state = _state.Apply(e);
            _pending.PushFront(e.Parts.Select(part => new PageTask(part, 1)));
            Dispatch();
        });
    }

    private void WriteBuffered()
    {
        if (_writing is not null || _buffer.Count == 0) return;

        var pages = new List<FetchedPage>();
        var records = new List<PaystackRecord>();
        foreach (var page in _buffer)
        {
            if (pages.Count > 0 && records.Count + page.Records.Count > _settings.WriteBatchSize) break;
            pages.Add(page);
            records.AddRange(page.Records);
        }
        _buffer.RemoveRange(0, pages.Count);

        if (records.Count == 0)
        {
            PersistPages(pages, 0, destinationWrites: null);
            return;
        }
        var id = ++_operationId;
        _writing = (id, pages);
        _sink.Tell(new SinkProtocol.Write(id, _stream, records));
    }

    private void OnWritten(SinkProtocol.Done done)
    {
        if (_writing is not { } writing || writing.Id != done.Id) return;
        _writing = null;
        PersistPages(writing.Pages, writing.Pages.Sum(p => p.Records.Count), done.DestinationWrites);
    }

    /// <summary>Records of these pages are durable: now, and only now, the journal may say so.</summary>
    private void PersistPages(List<FetchedPage> pages, long records, long? destinationWrites)
    {
        var run = _state.Run!;
        var events = new List<IStreamEvent>();
        foreach (var group in pages.GroupBy(p => p.Task.Window))
        {
            var window = group.Key;
            if (!run.OpenWindows.TryGetValue(window, out var progress)) continue;
            var pageNumbers = group.Select(p => p.Task.Page).ToList();
            var pageCount = _discovery.PageCount(window, progress);
            var maxCursor = group.SelectMany(p => p.Records)
                .Where(r => r.CreatedAt is not null)
                .MaxBy(r => r.CreatedAt)?.CursorValue;
            var nextCursor = group.MaxBy(p => p.Task.Page)!.NextCursor;
            events.Add(new StreamEvents.PagesCompleted(
                window, pageNumbers, pageCount, group.Sum(p => p.Records.Count), maxCursor, nextCursor, destinationWrites));

            if (pageCount is { } count && progress.CompletedPages.Union(pageNumbers).Count() >= count)
                events.Add(new StreamEvents.WindowCompleted(window));
        }
        PersistEvents(events, records);
    }

    private void PersistCompletedWindows(List<TimeWindow> windows) =>
        PersistEvents(windows.Select(w => (IStreamEvent)new StreamEvents.WindowCompleted(w)).ToList(), 0);

    private void PersistEvents(List<IStreamEvent> events, long records)
    {
        var cursorBefore = _state.Cursor;
        _recordsSinceCheckpoint += records;
        if (events.Count == 0)
        {
            AfterPersist(cursorBefore);
            return;
        }
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            if (--remaining == 0) AfterPersist(cursorBefore);
        });
    }

    private void AfterPersist(DateTimeOffset? cursorBefore)
    {
        _discovery.Forget(window => _state.Run?.OpenWindows.ContainsKey(window) == true);
        RestartWindowsWritten();
        ReportCheckpoint(cursorBefore);
        _supervisor.Tell(ProgressReport());
        MaybeSnapshot();
        WriteBuffered();
        Dispatch();
        CompleteIfDone();
    }

    private void ReportCheckpoint(DateTimeOffset? cursorBefore)
    {
        if (_state.Cursor is not { } cursor || cursor <= cursorBefore) return;
        _supervisor.Tell(new StreamReports.Checkpoint(_stream.Name, _stream.CursorField, CursorFormat.Format(cursor), _recordsSinceCheckpoint));
        _recordsSinceCheckpoint = 0;
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr < _settings.SnapshotInterval) return;
        _lastSnapshotSequenceNr = LastSequenceNr;
        SaveSnapshot(_state.ToSnapshot());
    }

    private void CompleteIfDone()
    {
        var run = _state.Run;
        if (run is null || !run.IsComplete || _inFlight.Count > 0 || _buffer.Count > 0 || _writing is not null) return;

        var id = ++_operationId;
        var cursorAfter = _state.Cursor is { } before && before > run.UpperBound ? before : run.UpperBound;
        _sink.Tell(new SinkProtocol.CompleteStream(id, _stream, cursorAfter));
        Become(() =>
        {
            Command<SinkProtocol.Done>(done => done.Id == id, _ =>
            {
                var cursorBefore = _state.Cursor;
                Persist(new StreamEvents.RunCompleted(run.RunId, run.UpperBound), e =>
                {
                    var stats = Stats();
                    _state = _state.Apply(e);
                    ReportCheckpoint(cursorBefore);
                    SaveSnapshot(_state.ToSnapshot());
                    _supervisor.Tell(new StreamReports.Completed(_stream.Name, stats, _state.Cursor is { } c ? CursorFormat.Format(c) : null));
                    StopFetchers();
                    Become(Finished);
                });
            });
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not complete {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            CommonCommands();
        });
    }

    private void Finished() => CommonCommands();

    private void Fail(string reason, bool transient, Exception? cause)
    {
        _log.Warning("Stream {Stream} stops: {Reason}", _stream.Name, reason);
        _supervisor.Tell(new StreamReports.Failed(_stream.Name, reason, transient, cause));
        Context.Stop(Self);
    }

    private void StopFetchers()
    {
        foreach (var child in Context.GetChildren()) Context.Stop(child);
        _idleFetchers.Clear();
    }

    private StreamStats Stats()
    {
        var run = _state.Run;
        return new StreamStats(
            run?.Records ?? 0,
            run?.PagesCompleted ?? 0,
            _requests,
            _retries,
            _rateLimited,
            run?.WindowsCompleted ?? 0,
            run?.OpenWindows.Count ?? 0,
            _inFlight.Count);
    }

    private StreamReports.Progress ProgressReport() =>
        new(_stream.Name, Stats()) { Paused = _paused, PagesPlanned = PagesPlanned() };

    private long PagesPlanned()
    {
        if (_state.Run is not { } run) return 0;
        long planned = run.PagesCompleted;
        foreach (var (window, progress) in run.OpenWindows)
        {
            var count = _discovery.PageCount(window, progress);
            planned += count is { } known ? Math.Max(0, known - progress.CompletedPages.Count) : 1;
        }
        return planned;
    }

    private static bool IsTransient(Exception error) => error is not PaystackApiException { IsTransient: false };

    private string Describe(Exception error, PageTask task) => error is PaystackApiException api
        ? $"{_stream.Name}: {api.Message}"
        : $"{_stream.Name}: fetching {task} failed: {error.Message}";
}
