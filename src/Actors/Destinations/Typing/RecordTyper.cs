using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// Splits records into typed columns. A field no column has yet adds one (typed from its value) to
/// <see cref="TableColumns"/>, pending until the batch commits; a value that does not fit its column's type is left
/// null there and noted in <c>_meta</c>, Airbyte's way. The raw record always goes to <c>record</c> unchanged.
/// One instance per batch: it remembers which column each field name goes to.
/// </summary>
internal sealed class RecordTyper
{
    /// <summary>Batches smaller than this are typed on the calling thread alone.</summary>
    private const int ParallelFrom = 64;

    private readonly ConcurrentDictionary<string, (int Ordinal, bool Exact, string Name)> _fields = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Ordinal, bool Exact, string Name)>.AlternateLookup<ReadOnlySpan<char>> _fieldsBySpan;

    private readonly StreamDefinition _stream;
    private readonly TableColumns _columns;
    private readonly bool _jsonByField;

    /// <param name="jsonByField">
    /// JSON columns get a <see cref="JsonField"/> naming the field rather than the value's text: for a destination that
    /// takes the value out of the record it has already parsed (PostgreSQL: <c>record -> 'customer'</c>).
    /// </param>
    public RecordTyper(StreamDefinition stream, TableColumns columns, bool jsonByField = false)
    {
        _stream = stream;
        _columns = columns;
        _jsonByField = jsonByField;
        _fieldsBySpan = _fields.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Types a whole batch. Records whose fields all have columns are typed in parallel; those bringing a new field
    /// are typed after, in order, so the columns they add (and the types inferred) do not depend on thread timing.
    /// </summary>
    public TypedRow[] TypeAll(IReadOnlyList<PaystackRecord> records)
    {
        var rows = new TypedRow?[records.Count];
        if (records.Count < ParallelFrom)
        {
            for (var i = 0; i < rows.Length; i++) rows[i] = Type(records[i], addColumns: false);
        }
        else
        {
            Parallel.For(0, rows.Length, i => rows[i] = Type(records[i], addColumns: false));
        }

        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] ??= Type(records[i], addColumns: true);
        }

        return rows!;
    }

    /// <summary>One record, adding the columns its new fields need.</summary>
    public TypedRow Type(PaystackRecord record) => Type(record, addColumns: true)!;

    /// <summary>The record's row; null when it has a field with a value and no column, and <paramref name="addColumns"/> is false.</summary>
    private TypedRow? Type(PaystackRecord record, bool addColumns)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(record.Json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(record.Json, bytes);
            return Type(record, bytes.AsSpan(0, length), addColumns);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private TypedRow? Type(PaystackRecord record, ReadOnlySpan<byte> json, bool addColumns)
    {
        var slots = new Slot[_columns.Count];
        var reader = new Utf8JsonReader(json);
        Span<char> name = stackalloc char[128];
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string? fieldText = null;
                scoped ReadOnlySpan<char> fieldName;
                if (!reader.HasValueSequence && reader.ValueSpan.Length <= name.Length) fieldName = name[..reader.CopyString(name)];
                else fieldName = fieldText = reader.GetString()!;
                var field = Field(fieldName, ref fieldText);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                if (field.Ordinal == Unmapped) continue;
                if (field.Ordinal == Unknown)
                {
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (!addColumns) return null;
                    field = AddColumn(fieldText ??= fieldName.ToString(), ref reader);
                    if (field.Ordinal >= slots.Length) Array.Resize(ref slots, _columns.Count);
                }

                ref var slot = ref slots[field.Ordinal];
                if (slot.Taken && (slot.Exact || !field.Exact)) continue; // the exact spelling, else the first, fills it
                var type = _columns[field.Ordinal].Type;
                string? problem = null;
                var value = type == ColumnType.Json && _jsonByField
                    ? reader.TokenType == JsonTokenType.Null ? null : new JsonField(field.Name)
                    : Convert(type, ref reader, json, start, out problem);
                slot = new Slot(true, field.Exact, problem is null ? null : field.Name, value, problem);
            }
        }

        var values = new object?[slots.Length];
        List<(string Field, string Detail)>? notes = null;
        for (var i = 0; i < slots.Length; i++)
        {
            values[i] = slots[i].Value;
            if (slots[i].Problem is { } problem) (notes ??= []).Add((slots[i].FieldName!, problem));
        }

        return new TypedRow(Key(record), values, notes is null ? null : Meta(notes));
    }

    private const int Unmapped = -1;
    private const int Unknown = -2;

    /// <summary>Where a field goes: its column's ordinal, <see cref="Unmapped"/> (no column ever) or <see cref="Unknown"/> (a column not there yet).</summary>
    private (int Ordinal, bool Exact, string Name) Field(ReadOnlySpan<char> name, ref string? text)
    {
        if (_fieldsBySpan.TryGetValue(name, out var known)) return known;
        text ??= name.ToString();
        var column = ColumnNames.For(text, _stream.PrimaryKey);
        (int, bool, string) found = column is null ? (Unmapped, false, text)
            : _columns.TryGetOrdinal(column, out var ordinal) ? (ordinal, text == column, text)
            : (Unknown, false, text);
        if (found.Item1 != Unknown) _fields.TryAdd(text, found);
        return found;
    }

    /// <summary>Adds the column of a field met for the first time, typed from its value. Only ever on one thread.</summary>
    private (int Ordinal, bool Exact, string Name) AddColumn(string field, ref Utf8JsonReader reader)
    {
        var column = ColumnNames.For(field, _stream.PrimaryKey)!;
        if (!_columns.TryGetOrdinal(column, out var ordinal))
        {
            ordinal = _columns.Add(column, InferredType(column, ref reader));
        }

        var found = (ordinal, field == column, field);
        _fields.TryAdd(field, found);
        return found;
    }

    private object Key(PaystackRecord record)
    {
        if (_columns.KeyType != ColumnType.BigInt) return record.Id;
        return long.TryParse(record.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidDataException(
                $"Stream '{_stream.Name}' sent a record whose {_stream.PrimaryKey} is not a whole number ('{record.Id}'), " +
                "but its table's id column is bigint. Drop the table to have it created again with the id as text.");
    }

    /// <summary>The value as its column stores it, or null with <paramref name="problem"/> saying why it does not fit.</summary>
    internal static object? Convert(ColumnType type, JsonElement value, out string? problem)
    {
        var json = Encoding.UTF8.GetBytes(value.GetRawText());
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        return Convert(type, ref reader, json, 0, out problem);
    }

    /// <summary>The value the reader is on (for an object or array: has just skipped, from <paramref name="start"/>).</summary>
    private static object? Convert(ColumnType type, ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int start, out string? problem)
    {
        problem = null;
        var token = reader.TokenType;
        if (token == JsonTokenType.Null) return null;
        switch (type)
        {
            case ColumnType.BigInt when token == JsonTokenType.Number && reader.TryGetInt64(out var whole):
                return whole;
            case ColumnType.Money when token == JsonTokenType.Number:
                if (reader.TryGetInt64(out var subunits)) return subunits;
                if (reader.TryGetDecimal(out var exact)) return exact;
                break;
            case ColumnType.Number when token == JsonTokenType.Number:
                if (reader.TryGetInt64(out var integral)) return integral;
                if (reader.TryGetDouble(out var real)) return real;
                break;
            case ColumnType.Boolean when token is JsonTokenType.True or JsonTokenType.False:
                return token == JsonTokenType.True;
            case ColumnType.Timestamp when token == JsonTokenType.String:
                if (reader.TryGetDateTimeOffset(out var iso)) return iso.ToUniversalTime();
                if (DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    return time;
                }

                problem = "a string that is not a date-time, in a timestamp column";
                return null;
            case ColumnType.Text:
                return token == JsonTokenType.String ? reader.GetString() : Raw(ref reader, json, start);
            case ColumnType.Json:
                return Raw(ref reader, json, start);
        }

        problem = $"{Describe(token)}, in a {Name(type)} column";
        return null;
    }

    /// <summary>The value's JSON text as sent.</summary>
    private static string Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int start) =>
        Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);

    /// <summary>The type of a new column, from the first value it gets.</summary>
    private static ColumnType InferredType(string column, ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when SchemaColumns.IsMoney(column) => ColumnType.Money,
        JsonTokenType.Number => reader.TryGetInt64(out _) ? ColumnType.BigInt : ColumnType.Number,
        JsonTokenType.True or JsonTokenType.False => ColumnType.Boolean,
        JsonTokenType.String => ColumnType.Text,
        _ => ColumnType.Json,
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number that is not a 64-bit whole number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.EndObject or JsonTokenType.StartObject => "an object",
        _ => "an array",
    };

    private static string Name(ColumnType type) => type switch
    {
        ColumnType.BigInt => "bigint",
        ColumnType.Money or ColumnType.Number => "numeric",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Airbyte's <c>_airbyte_meta</c> shape: <c>{"changes":[{"field","change":"NULLED","reason","detail"}]}</c>.</summary>
    private static string Meta(List<(string Field, string Detail)> notes)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("changes");
            foreach (var (field, detail) in notes)
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

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What one column got from a record: the field that filled it and its value, or why the value did not fit.</summary>
    private readonly record struct Slot(bool Taken, bool Exact, string? FieldName, object? Value, string? Problem);
}
