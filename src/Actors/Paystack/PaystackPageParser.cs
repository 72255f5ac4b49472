using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Reads a list response (<c>{status, message, data: [...], meta: {...}}</c>). Each record stays raw JSON (the UTF-8 bytes
/// it arrived in); only the primary key and the cursor field are read, so no field is lost or reshaped.
/// </summary>
internal static class PaystackPageParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <exception cref="InvalidBodyException">The body is not JSON, is cut off, or is JSON without a list envelope.</exception>
    /// <remarks>
    /// One forward read of the body: each record is copied out as its bytes with where each of its top-level fields
    /// lies (<see cref="RecordField"/>), so a destination types its columns without reading the record again.
    /// Problems are reported in the order a whole-document check would find them: JSON that does not parse first, then
    /// the envelope, then the records.
    /// </remarks>
    public static (IReadOnlyList<PaystackRecord> Records, PageMeta Meta) Parse(
        ReadOnlyMemory<byte> body, StreamDefinition stream, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var page = new PageRead();
        try
        {
            var reader = new Utf8JsonReader(body.Span, ReaderOptions);
            if (!reader.Read()) throw new JsonException("The body holds no JSON value.");
            page.RootToken = reader.TokenType;
            if (reader.TokenType == JsonTokenType.StartObject) ReadEnvelope(ref reader, body, stream, page);
            else if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
            if (reader.Read()) throw new JsonException("More than one JSON value in the body.");
        }
        catch (JsonException ex)
        {
            // Anything Paystack sends is JSON; HTML or a cut-off body comes from a proxy or a dropped connection.
            throw new InvalidBodyException(BodySniffer.Describe(body.Span, mediaType), retryable: true, ex);
        }

        if (page.RootToken != JsonTokenType.StartObject)
        {
            throw new InvalidBodyException($"a JSON {Describe(page.RootToken)} instead of Paystack's response object", retryable: false);
        }

        if (page.StatusFalse)
        {
            throw new InvalidBodyException($"status false with a success code: {page.Message ?? "no message"}", retryable: false);
        }

        if (page.DataToken is not { } data)
        {
            throw new InvalidBodyException("a JSON object without 'data'", retryable: false);
        }

        var records = data switch
        {
            JsonTokenType.StartArray => page.RecordError is { } error ? throw error : page.Records!,
            JsonTokenType.Null => [],
            _ => throw new InvalidBodyException($"'data' as a JSON {Describe(data)} instead of a list", retryable: false),
        };
        return (records, page.Meta);
    }

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    /// <summary>What the read of a list response found; checked once the whole body has been read.</summary>
    private sealed class PageRead
    {
        public JsonTokenType RootToken;
        public bool StatusFalse;
        public string? Message;
        public JsonTokenType? DataToken;
        public IReadOnlyList<PaystackRecord>? Records;
        public InvalidBodyException? RecordError;
        public PageMeta Meta = Empty;
    }

    /// <summary>The envelope's properties; a property given twice counts as its last value, as in a JSON document.</summary>
    private static void ReadEnvelope(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, StreamDefinition stream, PageRead page)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("status") ? 1 : reader.ValueTextEquals("message") ? 2
                : reader.ValueTextEquals("data") ? 3 : reader.ValueTextEquals("meta") ? 4 : 0;
            reader.Read();
            switch (name)
            {
                case 1:
                    page.StatusFalse = reader.TokenType == JsonTokenType.False;
                    break;
                case 2:
                    page.Message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case 3:
                    page.DataToken = reader.TokenType;
                    page.Records = null;
                    page.RecordError = null;
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        page.Records = ReadRecords(ref reader, body, stream, out page.RecordError);
                        continue;
                    }
                    break;
                case 4:
                    page.Meta = ReadMeta(JsonElement.ParseValue(ref reader));
                    continue;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
    }

    /// <summary>The records of <c>data</c>, the reader on its first element; ends on the array's end.</summary>
    private static List<PaystackRecord> ReadRecords(
        ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, StreamDefinition stream, out InvalidBodyException? error)
    {
        error = null;
        var records = new List<PaystackRecord>();
        var fields = new List<RecordField>(64);
        // Field names compared as UTF-8: the text overloads transcode the name on every comparison.
        var names = (Key: Encoding.UTF8.GetBytes(stream.PrimaryKey), Cursor: Encoding.UTF8.GetBytes(stream.CursorField));
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error ??= new InvalidBodyException($"record {index} is a JSON {Describe(reader.TokenType)}, not an object", retryable: false);
                if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
                continue;
            }

            var record = ReadRecord(ref reader, body, names, fields);
            if (record is null)
            {
                error ??= new InvalidBodyException($"record {index} has no usable '{stream.PrimaryKey}'", retryable: false);
                continue;
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>One record, the reader on its start; ends on its end. Null when it has no usable key.</summary>
    private static PaystackRecord? ReadRecord(
        ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, (byte[] Key, byte[] Cursor) names, List<RecordField> fields)
    {
        var start = (int)reader.TokenStartIndex;
        string? id = null;
        (string? Raw, DateTimeOffset? Parsed) cursor = (null, null);
        fields.Clear();
        var located = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex + 1 - start; // after the opening quote
            var nameLength = reader.ValueSpan.Length;
            var nameEscaped = reader.ValueIsEscaped;
            var isKey = reader.ValueTextEquals(names.Key);
            var isCursor = reader.ValueTextEquals(names.Cursor);
            reader.Read();
            var token = reader.TokenType;
            var valueStart = (int)reader.TokenStartIndex;
            var valueEscaped = token == JsonTokenType.String && reader.ValueIsEscaped;
            if (isKey) id = ReadKey(ref reader);
            if (isCursor) cursor = ReadCursor(ref reader);
            if (token is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            if (nameLength > RecordField.MaxNameLength) located = false;
            else fields.Add(new RecordField(
                nameStart, nameLength, nameEscaped, valueStart - start, (int)reader.BytesConsumed - valueStart, token, valueEscaped));
        }

        if (id is null) return null;
        var utf8 = body.Span[start..(int)reader.BytesConsumed].ToArray();
        return new PaystackRecord(id, cursor.Parsed, cursor.Raw, utf8, located ? fields.ToArray() : null);
    }

    /// <summary>Numbers keep their exact JSON digits (ids exceed Int32 and must not pass through a double).</summary>
    private static string? ReadKey(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.String => reader.GetString() is { Length: > 0 } text ? text : null,
        _ => null,
    };

    private static (string? Raw, DateTimeOffset? Parsed) ReadCursor(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return (null, null);
        var raw = reader.GetString();
        if (reader.TryGetDateTimeOffset(out var parsed)) return (raw, parsed.ToUniversalTime());
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed)
            ? (raw, parsed)
            : (raw, null);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "list",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "object",
    };

    /// <summary>
    /// Reads a fetch-by-id response (<c>{status, message, data: {...}}</c>) as a page of one record, so it shares the
    /// list path's retries and limits.
    /// </summary>
    /// <exception cref="InvalidBodyException">The body is not JSON, or is JSON without one record object in <c>data</c>.</exception>
    public static (IReadOnlyList<PaystackRecord> Records, PageMeta Meta) ParseOne(
        ReadOnlyMemory<byte> body, StreamDefinition stream, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var document = ParseDocument(body, mediaType))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidBodyException("a JSON response without a record object in 'data'", retryable: false);
            }

            var id = ReadKey(data, stream.PrimaryKey)
                ?? throw new InvalidBodyException($"the record has no usable '{stream.PrimaryKey}'", retryable: false);
            var (cursorValue, createdAt) = ReadCursor(data, stream.CursorField);
            return ([Record(data, id, createdAt, cursorValue)], Empty);
        }
    }

    private static readonly PageMeta Empty = new();

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> body, string? mediaType)
    {
        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // Anything Paystack sends is JSON; HTML or a cut-off body comes from a proxy or a dropped connection.
            throw new InvalidBodyException(BodySniffer.Describe(body.Span, mediaType), retryable: true, ex);
        }
    }

    /// <summary>The record as the bytes it arrived in, so a destination types and stores them without transcoding.</summary>
    private static PaystackRecord Record(JsonElement element, string id, DateTimeOffset? createdAt, string? cursorValue) =>
        new(id, createdAt, cursorValue, JsonMarshal.GetRawUtf8Value(element).ToArray());

    /// <summary>Numbers keep their exact JSON digits (ids exceed Int32 and must not pass through a double).</summary>
    private static string? ReadKey(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var key))
        {
            return null;
        }

        return key.ValueKind switch
        {
            JsonValueKind.Number => key.GetRawText(),
            JsonValueKind.String => key.GetString() is { Length: > 0 } text ? text : null,
            _ => null,
        };
    }

    private static (string? Raw, DateTimeOffset? Parsed) ReadCursor(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return (null, null);
        }

        var raw = value.GetString();
        if (value.TryGetDateTimeOffset(out var parsed))
        {
            return (raw, parsed.ToUniversalTime());
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed)
            ? (raw, parsed)
            : (raw, null);
    }

    /// <summary>Every meta field is optional and numbers may arrive as strings (<c>"perPage": "50"</c>).</summary>
    internal static PageMeta ReadMeta(JsonElement meta)
    {
        if (meta.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }

        return new PageMeta(
            Total: ReadLong(meta, "total"),
            Skipped: ReadLong(meta, "skipped"),
            PerPage: ReadInt(meta, "perPage"),
            Page: ReadInt(meta, "page"),
            PageCount: ReadInt(meta, "pageCount"),
            Next: ReadToken(meta, "next"),
            Previous: ReadToken(meta, "previous"));
    }

    private static long? ReadLong(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var whole))
                {
                    return whole;
                }

                return value.TryGetDouble(out var real) && real >= long.MinValue && real <= long.MaxValue ? (long)real : null;
            case JsonValueKind.String:
                return long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    private static int? ReadInt(JsonElement parent, string name) =>
        ReadLong(parent, name) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    /// <summary>Cursor tokens: JSON null, an empty string and the string "null" all mean "no page there".</summary>
    private static string? ReadToken(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? PagingRule.IsCursorToken(value.GetString()) ? value.GetString() : null
            : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };
}
