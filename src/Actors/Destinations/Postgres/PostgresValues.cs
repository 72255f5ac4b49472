using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Paystack.Actors.Destinations.Typing;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>
/// A typed value (see <see cref="TypedRow"/>) as <see cref="PostgresCopy"/>'s batch table takes it: in the binary form
/// of its column's type, except a JSON column (the name of the field the server takes out of the record) and a number
/// with a fraction (text the server reads as numeric, exactly as sent; a double has no exact binary numeric form here).
/// The typer has already checked every value against its column.
/// </summary>
internal static class PostgresValues
{
    /// <summary>The batch table's type for a column of <paramref name="type"/>.</summary>
    public static string BatchType(ColumnType type) =>
        type is ColumnType.Json or ColumnType.Number ? "text" : SqlTypes.Postgres(type);

    public static void Write(NpgsqlBinaryImporter import, ColumnType type, object? value)
    {
        if (value is null)
        {
            import.WriteNull();
            return;
        }

        switch (type)
        {
            case ColumnType.BigInt: import.Write((long)value, NpgsqlDbType.Bigint); break;
            case ColumnType.Money: import.Write(value is long whole ? whole : (decimal)value, NpgsqlDbType.Numeric); break;
            case ColumnType.Number: import.Write(NumberText(value), NpgsqlDbType.Text); break;
            case ColumnType.Boolean: import.Write((bool)value, NpgsqlDbType.Boolean); break;
            case ColumnType.Timestamp: import.Write(((DateTimeOffset)value).UtcDateTime, NpgsqlDbType.TimestampTz); break;
            case ColumnType.Json: import.Write(((JsonField)value).Name, NpgsqlDbType.Text); break;
            default:
                if (value is Utf8Text text) import.Write(text.Bytes, NpgsqlDbType.Text); // the record's own UTF-8, not transcoded
                else import.Write((string)value, NpgsqlDbType.Text);
                break;
        }
    }

    /// <summary>The <c>id</c> column's text: the record's id as sent.</summary>
    public static string KeyText(object key) => key as string ?? Convert.ToString(key, CultureInfo.InvariantCulture)!;

    private static string NumberText(object value) => value switch
    {
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "Not a number."),
    };
}
