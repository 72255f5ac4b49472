using System.Buffers;
using System.Buffers.Text;
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

    /// <summary>
    /// The name last met at each position of a record and where it went: a stream's records list their fields in the
    /// same order, so most names are matched by their UTF-8 bytes here without being decoded and hashed. Entries are
    /// published whole (volatile), so a parallel typing thread reads either the old entry or the new one.
    /// </summary>
    private readonly SeenName?[] _byPosition = new SeenName?[MaxPositions];

    private const int MaxPositions = 256;

    private sealed record SeenName(byte[] Utf8Name, (int Ordinal, bool Exact, string Name) Field);

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
    /// <remarks>
    /// Reads the record's UTF-8 bytes as the page parse kept them; text and JSON values are slices of those bytes
    /// (<see cref="Utf8Text"/>), so typing a record allocates little beyond its row.
    /// </remarks>
    private TypedRow? Type(PaystackRecord record, bool addColumns)
    {
        if (record.Fields is { } fields) return TypeFields(record, fields, addColumns);
        var json = record.Utf8Json;
        var slots = new Slot[_columns.Count];
        var reader = new Utf8JsonReader(json.Span);
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

        return Row(record, slots);
    }

    /// <summary>
    /// <see cref="Type(PaystackRecord, bool)"/> from the fields the page parse located: no second read of the record;
    /// only a scalar whose conversion needs the JSON reader (a date-time, a fraction, an escaped string) is read again,
    /// alone.
    /// </summary>
    private TypedRow? TypeFields(PaystackRecord record, RecordField[] fields, bool addColumns)
    {
        var json = record.Utf8Json;
        var values = new object?[_columns.Count];
        // Per column: 0 empty, 1 filled by another spelling, 2 filled by the exact one. A record adds at most a column a field.
        var capacity = _columns.Count + fields.Length;
        Span<byte> filled = capacity <= 1024 ? stackalloc byte[capacity] : new byte[capacity];
        filled.Clear();
        (string Field, string Detail)?[]? problems = null;
        Span<char> name = stackalloc char[128];
        for (var position = 0; position < fields.Length; position++)
        {
            var f = fields[position];
            string? fieldText = null;
            scoped ReadOnlySpan<char> fieldName = default;
            var rawName = f.Name(json.Span);
            var seen = !f.NameEscaped && position < _byPosition.Length ? Volatile.Read(ref _byPosition[position]) : null;
            (int Ordinal, bool Exact, string Name) field;
            if (seen is not null && rawName.SequenceEqual(seen.Utf8Name))
            {
                field = seen.Field; // never Unknown: only settled names are kept
            }
            else
            {
                if (!f.NameEscaped && rawName.Length <= name.Length) fieldName = name[..StrictUtf8.GetChars(rawName, name)];
                else fieldName = fieldText = UnescapedName(json.Span, f);
                field = Field(fieldName, ref fieldText);
                if (!f.NameEscaped && field.Ordinal != Unknown && position < _byPosition.Length)
                {
                    Volatile.Write(ref _byPosition[position], new SeenName(rawName.ToArray(), field));
                }
            }

            if (field.Ordinal == Unmapped) continue;
            if (field.Ordinal == Unknown)
            {
                if (f.Token == JsonTokenType.Null) continue;
                if (!addColumns) return null;
                var reader = new Utf8JsonReader(f.Value(json).Span);
                reader.Read();
                field = AddColumn(fieldText ??= fieldName.ToString(), ref reader);
                if (field.Ordinal >= values.Length) Array.Resize(ref values, _columns.Count);
            }

            var ordinal = field.Ordinal;
            if (filled[ordinal] == 2 || (filled[ordinal] == 1 && !field.Exact)) continue; // the exact spelling, else the first, fills it
            var type = _columns[ordinal].Type;
            string? problem = null;
            values[ordinal] = type == ColumnType.Json && _jsonByField
                ? f.Token == JsonTokenType.Null ? null : new JsonField(field.Name)
                : Convert(type, f, json, out problem);
            filled[ordinal] = field.Exact ? (byte)2 : (byte)1;
            if (problem is not null)
            {
                problems ??= new (string, string)?[capacity];
                problems[ordinal] = (field.Name, problem);
            }
            else if (problems is not null)
            {
                problems[ordinal] = null;
            }
        }

        List<(string Field, string Detail)>? notes = null;
        if (problems is not null)
        {
            foreach (var note in problems)
            {
                if (note is { } n) (notes ??= []).Add(n);
            }
        }

        return new TypedRow(Key(record), values, notes is null ? null : Meta(notes));
    }

    /// <summary>Booleans boxed once: a row holds its values as objects.</summary>
    private static readonly object True = true, False = false;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A field name written with escapes, read as the JSON string it is (with its quotes).</summary>
    private static string UnescapedName(ReadOnlySpan<byte> json, RecordField field)
    {
        var reader = new Utf8JsonReader(json.Slice(field.NameStart - 1, field.NameLength + 2));
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>
    /// A located value as its column stores it: the same results as <see cref="Convert(ColumnType, ref Utf8JsonReader, ReadOnlyMemory{byte}, int, out string?)"/>
    /// (whole numbers are parsed as the reader's <c>TryGetInt64</c> parses them), which handles every other case over
    /// the value alone.
    /// </summary>
    private static object? Convert(ColumnType type, RecordField field, ReadOnlyMemory<byte> json, out string? problem)
    {
        problem = null;
        var value = field.Value(json);
        switch (field.Token)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when type == ColumnType.Text && !field.ValueEscaped:
                return new Utf8Text(value[1..^1]); // the content between the quotes
            case JsonTokenType.Number when type is ColumnType.BigInt or ColumnType.Money or ColumnType.Number
                                           && Utf8Parser.TryParse(value.Span, out long whole, out var used) && used == value.Length:
                return whole;
            case JsonTokenType.True or JsonTokenType.False when type == ColumnType.Boolean:
                return field.Token == JsonTokenType.True ? True : False;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (type is ColumnType.Json or ColumnType.Text) return new Utf8Text(value);
                problem = $"{Describe(field.Token)}, in a {Name(type)} column";
                return null;
        }

        var reader = new Utf8JsonReader(value.Span);
        reader.Read();
        return Convert(type, ref reader, value, 0, out problem);
    }

    private TypedRow Row(PaystackRecord record, Slot[] slots)
    {
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
        var converted = Convert(type, ref reader, json, 0, out problem);
        return converted is Utf8Text text ? text.ToString() : converted;
    }

    /// <summary>The value the reader is on (for an object or array: has just skipped, from <paramref name="start"/>).</summary>
    private static object? Convert(ColumnType type, ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, int start, out string? problem)
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
                if (reader.TryGetDouble(out var real) && double.IsFinite(real)) return real;
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
                if (token != JsonTokenType.String) return Raw(ref reader, json, start);
                return reader.ValueIsEscaped || reader.HasValueSequence
                    ? reader.GetString()
                    : new Utf8Text(json.Slice(start + 1, reader.ValueSpan.Length)); // the content between the quotes
            case ColumnType.Json:
                return Raw(ref reader, json, start);
        }

        problem = $"{Describe(token)}, in a {Name(type)} column";
        return null;
    }

    /// <summary>The value's JSON text as sent.</summary>
    private static Utf8Text Raw(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, int start) =>
        new(json[start..(int)reader.BytesConsumed]);

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
