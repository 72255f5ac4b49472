using System.Globalization;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Airbyte.Read;

/// <summary>
/// Turns the engine's reports of a <c>read</c> into Airbyte messages: stream statuses, a per-stream STATE at every
/// checkpoint and at the end of a stream, ESTIMATE traces as the run learns its size, LOG lines for retries and an
/// ERROR trace for a stream that failed.
/// </summary>
/// <remarks>
/// STATE is emitted for full_refresh streams too. The platform ignores it for resuming a full refresh, but
/// destinations commit at STATE boundaries, so a long full refresh still lands in pieces; and the cursor is true for
/// that run (everything created before it was printed), so switching the stream to incremental later starts right.
/// Every successful stream ends on a STATE, as the CDK ends each incremental stream, even when it read nothing.
/// </remarks>
public sealed class AirbyteReadObserver : ISyncObserver
{
    private readonly AirbyteReadEmitter _emitter;
    private readonly Dictionary<string, StreamSelection> _selections;
    private readonly Dictionary<string, StreamReports.Failed> _failures = new(StringComparer.Ordinal);
    private readonly List<string> _failedStreams = [];

    public AirbyteReadObserver(AirbyteReadEmitter emitter, SyncJob job)
    {
        _emitter = emitter;
        _selections = job.Streams.ToDictionary(s => s.Stream.Name, StringComparer.Ordinal);
    }

    /// <summary>Streams that ended without completing, in the order they ended.</summary>
    public IReadOnlyList<string> FailedStreams => _failedStreams;

    /// <summary>The closing error of a read with failed streams, or null when every stream completed.</summary>
    public string? FailureSummary => _failedStreams.Count == 0
        ? null
        : $"During the sync, the following streams did not sync successfully: {string.Join(", ", _failedStreams)}.";

    public void StreamStarted(StreamReports.Started started) => _emitter.Started(started.Stream);

    /// <summary>
    /// Rows the stream will emit, judged from the pages done and the pages known to be left (a window whose page count
    /// is not known yet counts one page): it grows towards the truth as windows are probed.
    /// </summary>
    public void Progress(StreamReports.Progress progress)
    {
        var (records, pages) = (progress.Stats.Records, progress.Stats.Pages);
        if (pages == 0 || records == 0 || !_selections.ContainsKey(progress.Stream)) return;
        _emitter.Estimate(progress.Stream, (long)Math.Round(records * (double)Math.Max(progress.PagesPlanned, pages) / pages));
    }

    public void Checkpoint(StreamReports.Checkpoint checkpoint)
    {
        if (_selections.TryGetValue(checkpoint.Stream, out var selection))
            _emitter.State(selection.Stream, checkpoint.Cursor);
    }

    public void StreamRetrying(StreamReports.Failed failure, int attempt, TimeSpan delay) =>
        _emitter.Log(AirbyteLogLevel.Warn, string.Create(CultureInfo.InvariantCulture,
            $"Stream {failure.Stream} stopped ({failure.Reason}); restart {attempt} in {delay.TotalSeconds:F1} s resumes where it stopped."));

    public void StreamFailed(StreamReports.Failed failure) => _failures[failure.Stream] = failure;

    public void StreamFinished(StreamOutcome outcome)
    {
        if (!_selections.TryGetValue(outcome.Stream, out var selection)) return;
        if (outcome.Succeeded)
        {
            var cursor = outcome.Cursor ?? _emitter.LastStateCursor(outcome.Stream) ?? selection.InitialCursor;
            _emitter.FinalState(selection.Stream, cursor);
            _emitter.Finished(outcome.Stream, complete: true);
            return;
        }

        _failedStreams.Add(outcome.Stream);
        var failure = _failures.GetValueOrDefault(outcome.Stream);
        var reason = outcome.Error ?? failure?.Reason ?? "it stopped unexpectedly";
        _emitter.Error(
            $"Stream {outcome.Stream} did not sync: {reason}",
            StreamFailureTypes.Classify(failure),
            outcome.Stream,
            failure?.Cause is { } cause ? $"{cause.GetType().FullName}: {cause.Message}" : null);
        _emitter.Finished(outcome.Stream, complete: false);
    }
}
