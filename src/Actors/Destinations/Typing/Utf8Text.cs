using System.Text;

namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// A text or JSON column's value as UTF-8, a slice of the record's bytes: a string's content (when it has no escapes) or
/// a value's JSON text. SQLite stores it as it is; other consumers read it as a string.
/// </summary>
internal sealed class Utf8Text(ReadOnlyMemory<byte> bytes)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public override string ToString() => Encoding.UTF8.GetString(Bytes.Span);
}
