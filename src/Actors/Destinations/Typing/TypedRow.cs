namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// One record split into its table's columns. <see cref="Values"/> follow <see cref="TableColumns"/> order (a row typed
/// before a later record added columns is shorter: its missing values are null); each value is a long, decimal,
/// double, bool, <see cref="DateTimeOffset"/>, string or <see cref="Utf8Text"/> (text and JSON as a slice of the
/// record's bytes), as the column's <see cref="ColumnType"/> asks.
/// </summary>
/// <param name="Key">The <c>id</c> column's value: a long where the key is bigint, else the record's id text.</param>
/// <param name="Meta">The <c>_meta</c> column: what could not be typed (Airbyte's <c>changes</c>), or null.</param>
internal sealed record TypedRow(object Key, object?[] Values, string? Meta)
{
    public object? ValueAt(int ordinal) => ordinal < Values.Length ? Values[ordinal] : null;
}
