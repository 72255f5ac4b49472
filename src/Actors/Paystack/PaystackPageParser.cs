using System.Globalization;
using System.Text.Json;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Reads a list response (<c>{status, message, data: [...], meta: {...}}</c>). Each record stays raw JSON; only the
/// primary key and the cursor field are read, so no field is lost or reshaped.
/// </summary>
internal static class PaystackPageParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <exception cref="InvalidBodyException">The body is not JSON, is cut off, or is JSON without a list envelope.</exception>
    public static (IReadOnlyList<PaystackRecord> Records, PageMeta Meta) Parse(
        ReadOnlyMemory<byte> body, StreamDefinition stream, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using (var document = ParseDocument(body, mediaType))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidBodyException($"a JSON {Describe(root.ValueKind)} instead of Paystack's response object", retryable: false);
            }

            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.False)
            {
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                throw new InvalidBodyException($"status false with a success code: {message ?? "no message"}", retryable: false);
            }

            if (!root.TryGetProperty("data", out var data))
            {
                throw new InvalidBodyException("a JSON object without 'data'", retryable: false);
            }

            var records = data.ValueKind switch
            {
                JsonValueKind.Array => ReadRecords(data, stream),
                JsonValueKind.Null => [],
                _ => throw new InvalidBodyException($"'data' as a JSON {Describe(data.ValueKind)} instead of a list", retryable: false),
            };
            var meta = root.TryGetProperty("meta", out var metaElement) ? ReadMeta(metaElement) : Empty;
            return (records, meta);
        }
    }

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
            return ([new PaystackRecord(id, createdAt, cursorValue, data.GetRawText())], Empty);
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

    private static PaystackRecord[] ReadRecords(JsonElement data, StreamDefinition stream)
    {
        var records = new PaystackRecord[data.GetArrayLength()];
        var index = 0;
        foreach (var element in data.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidBodyException($"record {index} is a JSON {Describe(element.ValueKind)}, not an object", retryable: false);
            }

            var id = ReadKey(element, stream.PrimaryKey)
                ?? throw new InvalidBodyException($"record {index} has no usable '{stream.PrimaryKey}'", retryable: false);
            var (cursorValue, createdAt) = ReadCursor(element, stream.CursorField);
            records[index++] = new PaystackRecord(id, createdAt, cursorValue, element.GetRawText());
        }

        return records;
    }

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
