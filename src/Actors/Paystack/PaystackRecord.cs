using System.Text;

namespace Paystack.Actors.Paystack;

/// <summary>
/// One record exactly as Paystack sent it. The engine reads only the primary key and the creation time;
/// everything else stays raw JSON text so that no field is lost or reshaped on the way to the destination.
/// </summary>
/// <param name="Id">The primary key's value as text (ids exceed Int32; text keeps composite and string keys possible).</param>
/// <param name="CreatedAt">The parsed creation time, when the record has one.</param>
/// <param name="CursorValue">The creation time exactly as written in the record, e.g. <c>2023-03-16T09:05:02.000Z</c>.</param>
/// <param name="Json">The record's raw JSON object.</param>
public sealed record PaystackRecord(string Id, DateTimeOffset? CreatedAt, string? CursorValue, string Json)
{
    private string? _json = Json;
    private readonly byte[]? _utf8;
    private readonly RecordField[]? _fields;

    /// <summary>
    /// A record kept as the UTF-8 bytes it arrived in (the page parse's): a destination that stores UTF-8 (SQLite) types
    /// and writes them without transcoding, and <see cref="Json"/> is decoded only if something asks for it.
    /// </summary>
    /// <param name="fields">Where each top-level field lies in <paramref name="utf8Json"/>, as the page parse found it.</param>
    internal PaystackRecord(string id, DateTimeOffset? createdAt, string? cursorValue, byte[] utf8Json, RecordField[]? fields = null)
        : this(id, createdAt, cursorValue, Json: null!)
    {
        _utf8 = utf8Json;
        _fields = fields;
    }

    /// <summary>The record's top-level fields in order, located in <see cref="Utf8Json"/>; null unless a page parse made the record.</summary>
    internal RecordField[]? Fields => _fields;

    /// <summary>The record's raw JSON object; a record given a new JSON (<c>with { Json = ... }</c>) drops its UTF-8 bytes.</summary>
    public string Json
    {
        // Decoded at most once in practice; two threads racing here compute the same text.
        get => _json ??= Encoding.UTF8.GetString(_utf8!);
        init
        {
            _json = value;
            _utf8 = null;
            _fields = null;
        }
    }

    /// <summary><see cref="Json"/> as UTF-8: the bytes as they arrived when the record was read from a page, else encoded now.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8 ?? Encoding.UTF8.GetBytes(Json);

    public bool Equals(PaystackRecord? other) =>
        other is not null && Id == other.Id && CreatedAt == other.CreatedAt && CursorValue == other.CursorValue && Json == other.Json;

    public override int GetHashCode() => HashCode.Combine(Id, CreatedAt, CursorValue, Json);
}
