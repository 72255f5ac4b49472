using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Adds the fields the engine owes some streams to their records: a child record names its parent (id and creation
/// time, which is also its cursor); a point-in-time record carries the time of the run that read it, which joins its key.
/// Every other stream's records pass through untouched.
/// </summary>
internal static class RecordEnricher
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<PaystackRecord> Enrich(
        StreamDefinition stream, TimeWindow window, RunProgress run, IReadOnlyList<PaystackRecord> records)
    {
        if (stream.Parent is { } link && window.Parent is { } parentId)
        {
            var parentTime = CursorFormat.Format(window.From);
            return records.Select(record => record with
            {
                CreatedAt = window.From,
                CursorValue = parentTime,
                Json = WithFields(record.Json, (link.KeyField, Id(parentId)), (link.TimeField, parentTime)),
            }).ToList();
        }

        if (stream.ReadAtField is { } readAtField)
        {
            var readAt = run.StartedAt ?? run.UpperBound;
            var text = CursorFormat.Format(readAt);
            return records.Select(record => record with
            {
                Id = record.Id + "|" + text,
                CreatedAt = readAt,
                CursorValue = text,
                Json = WithFields(record.Json, (readAtField, text)),
            }).ToList();
        }

        return records;
    }

    /// <summary>Ids that are numbers stay numbers, as Paystack writes them.</summary>
    private static object Id(string id) => long.TryParse(id, out var number) ? number : id;

    /// <summary>The record with the fields set first, every other property kept as it was.</summary>
    private static string WithFields(string json, params (string Name, object Value)[] fields)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is long number) writer.WriteNumber(name, number);
                else writer.WriteString(name, (string)value);
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Any(field => field.Name == property.Name)) continue;
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
