using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// Splits records into typed columns. A field no column has yet adds one (typed from its value) to
/// <see cref="TableColumns"/>, pending until the batch commits; a value that does not fit its column's type is left
/// null there and noted in <c>_meta</c>, Airbyte's way. The raw record always goes to <c>record</c> unchanged.
/// One instance per batch; not thread-safe.
/// </summary>
internal sealed class RecordTyper(StreamDefinition stream, TableColumns columns)
{
    private readonly Dictionary<int, (JsonProperty Property, bool Exact)> _winners = new();
    private readonly List<(string Field, string Detail)> _notes = [];

    public TypedRow Type(PaystackRecord record)
    {
        using var document = JsonDocument.Parse(record.Json);
        _winners.Clear();
        _notes.Clear();
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (ColumnNames.For(property.Name, stream.PrimaryKey) is not { } column) continue;
                if (!columns.TryGetOrdinal(column, out var ordinal))
                {
                    if (InferredType(column, property.Value) is not { } inferred) continue;
                    ordinal = columns.Add(column, inferred);
                }

                var exact = property.NameEquals(column);
                if (_winners.TryGetValue(ordinal, out var held)
                    && (held.Exact || (!exact && string.CompareOrdinal(held.Property.Name, property.Name) < 0)))
                {
                    continue;
                }

                _winners[ordinal] = (property, exact);
            }
        }

        var values = new object?[columns.Count];
        foreach (var (ordinal, (property, _)) in _winners)
        {
            values[ordinal] = Convert(columns[ordinal].Type, property.Value, out var problem);
            if (problem is not null) _notes.Add((property.Name, problem));
        }

        return new TypedRow(Key(record), values, _notes.Count == 0 ? null : Meta());
    }

    private object Key(PaystackRecord record)
    {
        if (columns.KeyType != ColumnType.BigInt) return record.Id;
        return long.TryParse(record.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidDataException(
                $"Stream '{stream.Name}' sent a record whose {stream.PrimaryKey} is not a whole number ('{record.Id}'), " +
                "but its table's id column is bigint. Drop the table to have it created again with the id as text.");
    }

    /// <summary>The value as its column stores it, or null with <paramref name="problem"/> saying why it does not fit.</summary>
    internal static object? Convert(ColumnType type, JsonElement value, out string? problem)
    {
        problem = null;
        var kind = value.ValueKind;
        if (kind == JsonValueKind.Null) return null;
        switch (type)
        {
            case ColumnType.BigInt when kind == JsonValueKind.Number && value.TryGetInt64(out var whole):
                return whole;
            case ColumnType.Money when kind == JsonValueKind.Number:
                if (value.TryGetInt64(out var subunits)) return subunits;
                if (value.TryGetDecimal(out var exact)) return exact;
                break;
            case ColumnType.Number when kind == JsonValueKind.Number:
                if (value.TryGetInt64(out var integral)) return integral;
                if (value.TryGetDouble(out var real)) return real;
                break;
            case ColumnType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True;
            case ColumnType.Timestamp when kind == JsonValueKind.String:
                if (DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    return time;
                }

                problem = "a string that is not a date-time, in a timestamp column";
                return null;
            case ColumnType.Text:
                return kind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            case ColumnType.Json:
                return value.GetRawText();
        }

        problem = $"{Describe(value)}, in a {Name(type)} column";
        return null;
    }

    /// <summary>The type of a new column, from the first value it gets; null (no column yet) for a null value.</summary>
    internal static ColumnType? InferredType(string column, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when SchemaColumns.IsMoney(column) => ColumnType.Money,
        JsonValueKind.Number => value.TryGetInt64(out _) ? ColumnType.BigInt : ColumnType.Number,
        JsonValueKind.True or JsonValueKind.False => ColumnType.Boolean,
        JsonValueKind.String => ColumnType.Text,
        JsonValueKind.Object or JsonValueKind.Array => ColumnType.Json,
        _ => null,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number that is not a 64-bit whole number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Name(ColumnType type) => type switch
    {
        ColumnType.BigInt => "bigint",
        ColumnType.Money or ColumnType.Number => "numeric",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Airbyte's <c>_airbyte_meta</c> shape: <c>{"changes":[{"field","change":"NULLED","reason","detail"}]}</c>.</summary>
    private string Meta()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("changes");
            foreach (var (field, detail) in _notes)
            {
                writer.WriteStartObject();
                writer.WriteString("field", field);
                writer.WriteString("change", "NULLED");
                writer.WriteString("reason", "DESTINATION_TYPECAST_ERROR");
                writer.WriteString("detail", detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
