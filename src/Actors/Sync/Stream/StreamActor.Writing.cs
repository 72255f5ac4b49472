using Akka.Actor;
using Akka.Persistence;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Writing;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// The StreamActor's writing path: batches of fetched pages go to the Sink, and only what the Sink acknowledged is
/// persisted; checkpoints and snapshots follow; the run completes once every window is durable.
/// </summary>
public sealed partial class StreamActor
{
    private void WriteNextBatch()
    {
        if (_pages.NextBatch() is not var (pages, records)) return;
        if (records.Count == 0)
        {
            PersistPages(pages, destinationWrites: null);
            return;
        }
        var id = ++_operationId;
        _pages.Writing(id, pages);
        var receipt = WriteReceipt.Encode(_state.Run!.RunId, PagesWritten.Events(_state.Run, pages, _discovery.PageCount, null));
        _sink.Tell(new SinkProtocol.Write(id, _stream, records, receipt));
    }

    /// <summary>Records of these pages are durable: now, and only now, the journal may say so.</summary>
    private void PersistPages(IReadOnlyList<FetchedPage> pages, long? destinationWrites) => PersistEvents(
        PagesWritten.Events(_state.Run!, pages, _discovery.PageCount, destinationWrites).ToList(),
        pages.Sum(p => p.Records.Count));

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
        Progressed();
        _discovery.Forget(window => _state.Run?.OpenWindows.ContainsKey(window) == true);
        RestartReadyWindows();
        ReportCheckpoint(cursorBefore);
        _supervisor.Tell(ProgressReport());
        if (LastSequenceNr - _lastSnapshotSequenceNr >= _settings.SnapshotInterval)
        {
            _lastSnapshotSequenceNr = LastSequenceNr;
            SaveSnapshot(_state.ToSnapshot());
        }
        WriteNextBatch();
        Dispatch();
        CompleteIfDone();
    }

    private void ReportCheckpoint(DateTimeOffset? cursorBefore)
    {
        if (_state.Cursor is not { } cursor || cursor <= cursorBefore) return;
        _supervisor.Tell(new StreamReports.Checkpoint(_stream.Name, _stream.CursorField, CursorFormat.Format(cursor), _recordsSinceCheckpoint));
        _recordsSinceCheckpoint = 0;
    }

    private void ReportCompleted(StreamReports.Completed completed)
    {
        Timers.Cancel(WatchdogTimer);
        _supervisor.Tell(completed with { Cursor = _state.Cursor is { } c ? CursorFormat.Format(c) : null });
        Become(CommonCommands);
    }

    /// <summary>
    /// Journal housekeeping: once a snapshot holds the state, the events and older snapshots before it are deleted, so
    /// a stream's journal stays a snapshot and at most <c>snapshot-interval</c> events however many runs it has had.
    /// </summary>
    private void Prune(long snapshotSequenceNr)
    {
        _lastSnapshotSequenceNr = snapshotSequenceNr;
        DeleteMessages(snapshotSequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(snapshotSequenceNr - 1));
    }

    private void CompleteIfDone()
    {
        if (_state.Run is not { IsComplete: true } run || !_pages.IsDrained) return;

        var id = ++_operationId;
        Progressed();
        var cursorAfter = _state.Cursor is { } before && before > run.UpperBound ? before : run.UpperBound;
        _sink.Tell(new SinkProtocol.CompleteStream(id, _stream, cursorAfter));
        Become(() =>
        {
            Command<SinkProtocol.Done>(done => done.Id == id, _ =>
            {
                var cursorBefore = _state.Cursor;
                Persist(new StreamEvents.RunCompleted(run.RunId, run.UpperBound), e =>
                {
                    var completed = new StreamReports.Completed(_stream.Name, Stats(), null);
                    _state = _state.Apply(e);
                    ReportCheckpoint(cursorBefore);
                    StopFetchers();
                    // The supervisor stops a completed stream, and a sync's process ends with its last stream: the run's
                    // events are pruned before the stream says it is done.
                    // Answers about an earlier snapshot may still arrive: only the final one's count here.
                    var last = LastSequenceNr;
                    SaveSnapshot(_state.ToSnapshot());
                    var pending = 2;
                    void Acknowledged() { if (--pending == 0) ReportCompleted(completed); }
                    Become(() =>
                    {
                        Command<SaveSnapshotSuccess>(saved => saved.Metadata.SequenceNr == last, _ => Prune(last));
                        Command<SaveSnapshotFailure>(failed => failed.Metadata.SequenceNr == last, _ => ReportCompleted(completed));
                        Command<DeleteMessagesSuccess>(deleted => deleted.ToSequenceNr == last, _ => Acknowledged());
                        Command<DeleteMessagesFailure>(failed => failed.ToSequenceNr == last, _ => Acknowledged());
                        Command<DeleteSnapshotsSuccess>(deleted => deleted.Criteria.MaxSequenceNr == last - 1, _ => Acknowledged());
                        Command<DeleteSnapshotsFailure>(failed => failed.Criteria.MaxSequenceNr == last - 1, _ => Acknowledged());
                        WatchForStalls();
                        CommonCommands();
                    });
                });
            });
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not complete {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            WatchForStalls();
            CommonCommands();
        });
    }
}
