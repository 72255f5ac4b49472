using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>
/// Writes Airbyte messages, one JSON object per line, to stdout or any stream. Safe to call from many threads:
/// each message is written whole under a lock, so lines never interleave.
/// Records are buffered for throughput; every other message (state, trace, log, ...) flushes everything
/// written before it, so a state message never reaches the reader ahead of the records it covers.
/// </summary>
public sealed class AirbyteMessageWriter : IDisposable
{
    private const int RecordFlushThreshold = 64 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = AirbyteJson.Options.Encoder,
        Indented = false,
        SkipValidation = true,
    };

    private readonly Lock _gate = new();
    private readonly Stream? _stream;
    private readonly TextWriter? _text;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Writes UTF-8 bytes to <paramref name="output"/> (e.g. <c>Console.OpenStandardOutput()</c>).</summary>
    public AirbyteMessageWriter(Stream output, bool leaveOpen = true)
    {
        _stream = output ?? throw new ArgumentNullException(nameof(output));
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Writes lines of text to <paramref name="output"/>; slower than the stream form, meant for tests and tools.</summary>
    public AirbyteMessageWriter(TextWriter output, bool leaveOpen = true)
    {
        _text = output ?? throw new ArgumentNullException(nameof(output));
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Messages written so far, for progress reporting.</summary>
    public long MessagesWritten { get; private set; }

    public void Write(AirbyteMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is { Type: AirbyteMessageType.Record, Record: { } record })
        {
            WriteRecord(record.Stream, record.Data, record.EmittedAt, record.Namespace);
            return;
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            _json.Reset();
            JsonSerializer.Serialize(_json, message, AirbyteJson.Options);
            EndLine(flush: true);
        }
    }

    /// <summary>
    /// The fast path for records: <paramref name="dataJson"/> is the record's JSON object exactly as received and is
    /// copied into the line as it is, without being parsed into objects again.
    /// </summary>
    public void WriteRecord(string stream, string dataJson, long emittedAtMs, string? streamNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(dataJson);
        lock (_gate)
        {
            ThrowIfDisposed();
            _json.Reset();
            _json.WriteStartObject();
            _json.WriteString("type"u8, "RECORD"u8);
            _json.WriteStartObject("record"u8);
            _json.WriteString("stream"u8, stream);
            if (streamNamespace is not null)
                _json.WriteString("namespace"u8, streamNamespace);
            _json.WritePropertyName("data"u8);
            RawJsonTextConverter.WriteRaw(_json, dataJson);
            _json.WriteNumber("emitted_at"u8, emittedAtMs);
            _json.WriteEndObject();
            _json.WriteEndObject();
            EndLine(flush: false);
        }
    }

    /// <summary>Pushes buffered records out.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_disposed) return;
            FlushBuffer();
            FlushTarget();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            FlushBuffer();
            FlushTarget();
            _disposed = true;
            _json.Dispose();
            if (!_leaveOpen)
            {
                _stream?.Dispose();
                _text?.Dispose();
            }
        }
    }

    private void EndLine(bool flush)
    {
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        MessagesWritten++;
        if (flush || _buffer.WrittenCount >= RecordFlushThreshold)
        {
            FlushBuffer();
            if (flush) FlushTarget();
        }
    }

    private void FlushBuffer()
    {
        if (_buffer.WrittenCount == 0) return;
        if (_stream is not null)
            _stream.Write(_buffer.WrittenSpan);
        else
            _text!.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }

    private void FlushTarget()
    {
        if (_stream is not null) _stream.Flush();
        else _text!.Flush();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
