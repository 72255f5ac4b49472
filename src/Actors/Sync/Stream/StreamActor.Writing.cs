using Akka.Actor;
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

    private void CompleteIfDone()
    {
        if (_state.Run is not { IsComplete: true } run || !_pages.IsDrained) return;

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
                    Become(CommonCommands);
                });
            });
            Command<SinkProtocol.Failed>(failed => failed.Id == id, failed =>
                Fail($"the destination could not complete {_stream.Name}: {failed.Error.Message}", transient: true, failed.Error));
            CommonCommands();
        });
    }
}
