namespace Paystack.Actors.Destinations.Typing;

/// <summary>What a stream table's column holds; each destination names it in its own SQL (<see cref="SqlTypes"/>).</summary>
internal enum ColumnType
{
    /// <summary>A whole number that fits 64 bits: bigint / INTEGER.</summary>
    BigInt,
    /// <summary>An amount of money in the currency's subunit: numeric / NUMERIC, exact whatever its size.</summary>
    Money,
    /// <summary>A number with a fraction: numeric / REAL.</summary>
    Number,
    /// <summary>boolean / BOOLEAN (0 or 1).</summary>
    Boolean,
    /// <summary>A point in time: timestamptz / TIMESTAMP holding ISO-8601 UTC text.</summary>
    Timestamp,
    /// <summary>text / TEXT; a number or boolean is kept as its JSON text.</summary>
    Text,
    /// <summary>A nested object or array, or a field of mixed types: jsonb / JSON text.</summary>
    Json,
}
