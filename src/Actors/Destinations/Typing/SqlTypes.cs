namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// The SQL type of each <see cref="ColumnType"/> in SQLite and PostgreSQL, and back: an existing column is written as
/// the type the database says it has, so a table created by another version (or changed by hand) is never fed a value
/// of the wrong type.
/// </summary>
internal static class SqlTypes
{
    /// <summary>
    /// SQLite's declared types. Each is distinct so the type can be read back; their affinities store what the writer
    /// binds unchanged (TIMESTAMP and JSON have numeric affinity, but only ISO-8601 text and JSON text reach them).
    /// </summary>
    public static string Sqlite(ColumnType type) => type switch
    {
        ColumnType.BigInt => "INTEGER",
        ColumnType.Money => "NUMERIC",
        ColumnType.Number => "REAL",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.Text => "TEXT",
        ColumnType.Json => "JSON",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ColumnType FromSqlite(string declared) => declared.ToUpperInvariant() switch
    {
        "INTEGER" or "INT" or "BIGINT" => ColumnType.BigInt,
        "NUMERIC" or "DECIMAL" => ColumnType.Money,
        "REAL" or "DOUBLE" or "FLOAT" => ColumnType.Number,
        "BOOLEAN" => ColumnType.Boolean,
        "TIMESTAMP" or "DATETIME" => ColumnType.Timestamp,
        "JSON" => ColumnType.Json,
        _ => ColumnType.Text,
    };

    public static string Postgres(ColumnType type) => type switch
    {
        ColumnType.BigInt => "bigint",
        ColumnType.Money or ColumnType.Number => "numeric",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamptz",
        ColumnType.Text => "text",
        ColumnType.Json => "jsonb",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>From <c>pg_catalog.format_type</c>'s name of a column's type.</summary>
    public static ColumnType FromPostgres(string formatted) => formatted switch
    {
        "bigint" or "integer" or "smallint" => ColumnType.BigInt,
        "boolean" => ColumnType.Boolean,
        "timestamp with time zone" or "timestamp without time zone" => ColumnType.Timestamp,
        "jsonb" or "json" => ColumnType.Json,
        _ when formatted.StartsWith("numeric", StringComparison.Ordinal)
               || formatted is "double precision" or "real" => ColumnType.Money,
        _ => ColumnType.Text,
    };
}
