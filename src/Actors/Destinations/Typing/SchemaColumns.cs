using System.Text.Json.Nodes;
using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Typing;

/// <summary>
/// The columns a stream's JSON schema declares (src/Actors/Airbyte/Schemas): one per top-level property, typed from
/// its JSON type. A stream without a schema declares none; its columns come from the records as they arrive.
/// </summary>
internal static class SchemaColumns
{
    /// <summary>Integer fields holding money, by a word in their name: numeric in PostgreSQL, so no sum overflows.</summary>
    private static readonly string[] MoneyWords = ["amount", "balance", "fee", "price", "revenue", "deduction", "processed"];

    /// <summary>The type of the <c>id</c> column: bigint where the schema's key is an integer, text otherwise (balances).</summary>
    public static ColumnType KeyType(StreamDefinition stream)
    {
        if (stream.ReadAtField is not null || !StreamSchemas.Exists(stream.Name)) return ColumnType.Text;
        var key = StreamSchemas.Get(stream.Name)["properties"]?[stream.PrimaryKey] as JsonObject;
        return key is not null && TypeOf(stream.PrimaryKey, key) == ColumnType.BigInt ? ColumnType.BigInt : ColumnType.Text;
    }

    /// <summary>The data columns in the schema's order, <c>created_at</c> first; each column once.</summary>
    public static IReadOnlyList<(string Name, ColumnType Type)> Declared(StreamDefinition stream)
    {
        var columns = new List<(string, ColumnType)> { (ColumnNames.CreatedAt, ColumnType.Timestamp) };
        if (!StreamSchemas.Exists(stream.Name)) return columns;
        var seen = new HashSet<string>(StringComparer.Ordinal) { ColumnNames.CreatedAt };
        if (StreamSchemas.Get(stream.Name)["properties"] is not JsonObject properties) return columns;
        foreach (var (field, node) in properties)
        {
            if (ColumnNames.For(field, stream.PrimaryKey) is not { } column || !seen.Add(column)) continue;
            columns.Add((column, node is JsonObject schema ? TypeOf(column, schema) : ColumnType.Json));
        }

        return columns;
    }

    public static bool IsMoney(string column) => MoneyWords.Any(word => column.Contains(word, StringComparison.Ordinal));

    /// <summary>Integers are bigint (money numeric), date-time strings timestamps, objects, arrays and mixes of kinds JSON.</summary>
    internal static ColumnType TypeOf(string column, JsonObject schema)
    {
        var kinds = schema["type"] switch
        {
            JsonValue single => new HashSet<string>(StringComparer.Ordinal) { single.GetValue<string>() },
            JsonArray many => many.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
            _ => new HashSet<string>(StringComparer.Ordinal),
        };
        kinds.Remove("null");
        var isMoney = IsMoney(column);
        if (kinds.Count == 0 || kinds.Contains("object") || kinds.Contains("array")) return ColumnType.Json;
        if (kinds.SetEquals(["integer"])) return isMoney ? ColumnType.Money : ColumnType.BigInt;
        if (kinds.IsSubsetOf(["integer", "number"])) return isMoney ? ColumnType.Money : ColumnType.Number;
        if (kinds.SetEquals(["boolean"])) return ColumnType.Boolean;
        if (kinds.SetEquals(["string"]))
            return schema["format"]?.GetValue<string>() is "date-time" ? ColumnType.Timestamp : ColumnType.Text;
        return kinds.Contains("string") ? ColumnType.Text : ColumnType.Json;
    }
}
