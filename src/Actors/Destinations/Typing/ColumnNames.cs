using System.Collections.Concurrent;
using System.Text;

namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// The column a record field lands in: its name in snake_case (<c>createdAt</c> → <c>created_at</c>, <c>paidAt</c> →
/// <c>paid_at</c>), lower case, any character other than a letter, digit or underscore written as <c>_</c>, at most
/// <see cref="MaxLength"/> characters. The stream's key fills <c>id</c>, the creation time <c>created_at</c>; a field
/// whose name would be one of the columns the destination owns (<c>id</c> for a stream keyed otherwise,
/// <c>record</c>, <c>_meta</c>, <c>_run_id</c>, <c>_synced_at</c>) gets <c>_field</c> appended. Where two fields of
/// one record map to one column (Paystack sends both <c>createdAt</c> and <c>created_at</c> on some endpoints), the
/// field spelled exactly as the column fills it, else the first in the record; every field stays in <c>record</c>.
/// </summary>
internal static class ColumnNames
{
    public const string Id = "id";
    public const string CreatedAt = "created_at";
    public const string Record = "record";
    public const string Meta = "_meta";
    public const string RunId = "_run_id";
    public const string SyncedAt = "_synced_at";

    /// <summary>Leaves room for <c>_field</c> within PostgreSQL's 63-byte identifiers.</summary>
    public const int MaxLength = 56;

    private const string OwnedSuffix = "_field";
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The columns the destination fills itself, after the data columns.</summary>
    public static IReadOnlyList<string> Owned { get; } = [Record, Meta, RunId, SyncedAt];

    /// <summary>
    /// The column of <paramref name="field"/> in a table keyed by <paramref name="keyField"/>, or null when the field
    /// has none: the key field <c>id</c> (it is the <c>id</c> column) and a name with no letter or digit.
    /// </summary>
    public static string? For(string field, string keyField)
    {
        if (field == Id && keyField == Id) return null;
        var column = Cache.GetOrAdd(field, SnakeCase);
        if (column.Length == 0) return null;
        return column == Id || Owned.Contains(column) ? column + OwnedSuffix : column;
    }

    /// <summary><c>createdAt</c> → <c>created_at</c>, <c>HTTPStatus</c> → <c>http_status</c>, <c>per-page</c> → <c>per_page</c>.</summary>
    internal static string SnakeCase(string field)
    {
        var builder = new StringBuilder(field.Length + 4);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (char.IsAsciiLetterUpper(c))
            {
                var afterLowerOrDigit = i > 0 && (char.IsAsciiLetterLower(field[i - 1]) || char.IsAsciiDigit(field[i - 1]));
                var endsAcronym = i > 0 && char.IsAsciiLetterUpper(field[i - 1]) && i + 1 < field.Length && char.IsAsciiLetterLower(field[i + 1]);
                if ((afterLowerOrDigit || endsAcronym) && builder.Length > 0 && builder[^1] != '_') builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_');
            }
        }

        if (!builder.ToString().Any(char.IsAsciiLetterOrDigit)) return "";
        if (char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
    }
}
