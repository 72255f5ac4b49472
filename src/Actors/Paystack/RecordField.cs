using System.Text.Json;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Where one top-level field of a record lies in the record's UTF-8 bytes, as the page parse found it: its name's
/// bytes (between the quotes), and its value's bytes (a string with its quotes, an object or array whole). The typer
/// reads a record's columns from these instead of reading the record a second time. 16 bytes: a record holds one per
/// field for as long as it waits to be written.
/// </summary>
internal readonly struct RecordField
{
    /// <summary>The longest name a field can be located with; a record with a longer one is typed by reading it.</summary>
    public const int MaxNameLength = ushort.MaxValue;

    private const byte NameEscapedFlag = 1, ValueEscapedFlag = 2;

    private readonly int _nameStart;
    private readonly int _valueStart;
    private readonly int _valueLength;
    private readonly ushort _nameLength;
    private readonly JsonTokenType _token;
    private readonly byte _flags;

    public RecordField(int nameStart, int nameLength, bool nameEscaped, int valueStart, int valueLength, JsonTokenType token, bool valueEscaped)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nameLength, MaxNameLength);
        _nameStart = nameStart;
        _nameLength = (ushort)nameLength;
        _valueStart = valueStart;
        _valueLength = valueLength;
        _token = token;
        _flags = (byte)((nameEscaped ? NameEscapedFlag : 0) | (valueEscaped ? ValueEscapedFlag : 0));
    }

    public int NameStart => _nameStart;

    public int NameLength => _nameLength;

    /// <summary>The name is written with JSON escapes (its bytes are not its text).</summary>
    public bool NameEscaped => (_flags & NameEscapedFlag) != 0;

    /// <summary>The value's first token: a scalar's, or <see cref="JsonTokenType.StartObject"/> / <see cref="JsonTokenType.StartArray"/>.</summary>
    public JsonTokenType Token => _token;

    /// <summary>A string value written with JSON escapes.</summary>
    public bool ValueEscaped => (_flags & ValueEscapedFlag) != 0;

    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> record) => record.Slice(_nameStart, _nameLength);

    public ReadOnlyMemory<byte> Value(ReadOnlyMemory<byte> record) => record.Slice(_valueStart, _valueLength);
}
