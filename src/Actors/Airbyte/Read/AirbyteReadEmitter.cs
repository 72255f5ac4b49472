using Paystack.Actors.Airbyte.Check;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte.Read;

/// <summary>
/// The stdout side of a <c>read</c>: every RECORD, STATE, status and error message goes through here. Records and
/// states of a stream are counted under one lock with the writing itself, so a STATE's recordCount is exactly the
/// number of that stream's RECORD lines printed since its previous STATE, and a stream's statuses always come in the
/// order STARTED, RUNNING, COMPLETE/INCOMPLETE whichever part of the engine notices a change first.
/// </summary>
public sealed class AirbyteReadEmitter
{
    private readonly Lock _gate = new();
    private readonly AirbyteMessageWriter _writer;
    private readonly TimeProvider _clock;
    private readonly string? _secret;
    private readonly Dictionary<string, StreamLedger> _streams = new(StringComparer.Ordinal);

    /// <param name="secret">Masked in every error and log text written, should one ever carry it.</param>
    public AirbyteReadEmitter(AirbyteMessageWriter writer, string? secret = null, TimeProvider? clock = null)
    {
        _writer = writer;
        _secret = secret;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>STREAM_STATUS STARTED, once per stream however often the stream is (re)started.</summary>
    public void Started(string stream)
    {
        lock (_gate) EnsureStarted(stream);
    }

    /// <summary>Writes a batch of records (RUNNING first if these are the stream's first) and pushes them out.</summary>
    public void Records(string stream, IReadOnlyList<PaystackRecord> records)
    {
        if (records.Count == 0) return;
        lock (_gate)
        {
            var ledger = EnsureStarted(stream);
            if (!ledger.Running)
            {
                ledger.Running = true;
                _writer.Write(AirbyteMessage.ForStreamStatus(stream, AirbyteStreamStatus.Running, _clock.GetUtcNow()));
            }
            var emittedAt = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var record in records)
                _writer.WriteRecord(stream, record.Json, emittedAt);
            _writer.Flush();
            ledger.RecordsSinceState += records.Count;
            ledger.Records += records.Count;
        }
    }

    /// <summary>A per-stream STATE carrying the records printed since the stream's previous STATE.</summary>
    /// <param name="cursor">Everything of the stream created before this instant has been printed; null writes an empty state.</param>
    public void State(StreamDefinition stream, string? cursor)
    {
        lock (_gate) WriteState(stream, cursor, EnsureStarted(stream.Name));
    }

    /// <summary>
    /// The stream's closing STATE: written unless the latest STATE already says the same (same cursor, no records
    /// since), so every stream that completes ends on a STATE covering all of its records, without a repeat.
    /// </summary>
    public void FinalState(StreamDefinition stream, string? cursor)
    {
        lock (_gate)
        {
            var ledger = EnsureStarted(stream.Name);
            if (ledger.StatesWritten > 0 && ledger.RecordsSinceState == 0 && ledger.LastStateCursor == cursor) return;
            WriteState(stream, cursor, ledger);
        }
    }

    /// <summary>The cursor of the stream's latest STATE, if one was written.</summary>
    public string? LastStateCursor(string stream)
    {
        lock (_gate) return Ledger(stream).LastStateCursor;
    }

    /// <summary>RECORD lines printed for the stream so far.</summary>
    public long RecordsEmitted(string stream)
    {
        lock (_gate) return Ledger(stream).Records;
    }

    /// <summary>COMPLETE or INCOMPLETE; STARTED comes first if the stream ended before it ever started.</summary>
    public void Finished(string stream, bool complete)
    {
        lock (_gate)
        {
            EnsureStarted(stream);
            _writer.Write(AirbyteMessage.ForStreamStatus(
                stream, complete ? AirbyteStreamStatus.Complete : AirbyteStreamStatus.Incomplete, _clock.GetUtcNow()));
        }
    }

    /// <summary>
    /// An ESTIMATE trace of the rows the stream will emit in this read, when it differs from the last one sent by at
    /// least <see cref="EstimateStep"/>: the platform shows progress from it, and a line per page would only be noise.
    /// </summary>
    public void Estimate(string stream, long rows)
    {
        lock (_gate)
        {
            var ledger = EnsureStarted(stream);
            if (ledger.LastEstimate is { } last && Math.Abs(rows - last) < last * EstimateStep) return;
            ledger.LastEstimate = rows;
            _writer.Write(AirbyteMessage.ForEstimate(stream, _clock.GetUtcNow(), rows));
        }
    }

    /// <summary>The relative change that makes a new estimate worth sending.</summary>
    public const double EstimateStep = 0.1;

    public void Error(string message, FailureType failureType, string? stream = null, string? internalMessage = null)
    {
        lock (_gate)
        {
            _writer.Write(AirbyteMessage.ForError(
                Scrub(message), failureType, _clock.GetUtcNow(),
                internalMessage: internalMessage is null ? null : Scrub(internalMessage), stream: stream));
        }
    }

    public void Log(AirbyteLogLevel level, string message)
    {
        lock (_gate) _writer.Write(AirbyteMessage.ForLog(level, Scrub(message)));
    }

    private void WriteState(StreamDefinition stream, string? cursor, StreamLedger ledger)
    {
        _writer.Write(StateMessages.ForStream(stream, cursor, ledger.RecordsSinceState));
        ledger.RecordsSinceState = 0;
        ledger.LastStateCursor = cursor;
        ledger.StatesWritten++;
    }

    private StreamLedger EnsureStarted(string stream)
    {
        var ledger = Ledger(stream);
        if (!ledger.Started)
        {
            ledger.Started = true;
            _writer.Write(AirbyteMessage.ForStreamStatus(stream, AirbyteStreamStatus.Started, _clock.GetUtcNow()));
        }
        return ledger;
    }

    private StreamLedger Ledger(string stream)
    {
        if (!_streams.TryGetValue(stream, out var ledger))
            _streams[stream] = ledger = new StreamLedger();
        return ledger;
    }

    private string Scrub(string text) => SecretScrubber.Scrub(text, _secret);

    private sealed class StreamLedger
    {
        public bool Started { get; set; }
        public bool Running { get; set; }
        public long Records { get; set; }
        public long RecordsSinceState { get; set; }
        public string? LastStateCursor { get; set; }
        public long StatesWritten { get; set; }
        public long? LastEstimate { get; set; }
    }
}
