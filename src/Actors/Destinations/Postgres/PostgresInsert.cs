using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>
/// One INSERT (or upsert on id) of a whole batch of typed rows: every column travels as a text array, is expanded
/// server-side with <c>unnest</c> and cast to its column's type, so a batch costs one round trip whatever its size.
/// The typer has already checked every value against its column, so no cast can fail; JSON columns are taken out of
/// the record, parsed once per row.
/// </summary>
internal static class PostgresInsert
{
    public static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string qualifiedTable, TableColumns columns, bool upsert,
        IReadOnlyList<(TypedRow Row, string Json, string RunId, DateTime SyncedAt)> rows, CancellationToken ct)
    {
        var names = new List<string> { ColumnNames.Id };
        names.AddRange(columns.All.Select(c => c.Name));
        names.AddRange(ColumnNames.Owned);
        var quoted = names.Select(SqlIdentifier.Quote).ToList();

        // The record is parsed once (p.j); a JSON column is its field taken out of it, so no value is sent or parsed twice.
        var selected = new List<string> { $"u.k{SqlTypes.PostgresCast(columns.KeyType)}" };
        selected.AddRange(columns.All.Select((c, i) => c.Type == ColumnType.Json ? $"p.j -> u.c{i}" : $"u.c{i}{SqlTypes.PostgresCast(c.Type)}"));
        selected.AddRange(["p.j", "u.m::jsonb", "u.run", "u.at"]);
        var arrays = new List<string> { "k" };
        arrays.AddRange(Enumerable.Range(0, columns.Count).Select(i => "c" + i));
        arrays.AddRange(["r", "m", "run"]);

        var sql =
            $"INSERT INTO {qualifiedTable} ({string.Join(", ", quoted)}) SELECT {string.Join(", ", selected)} " +
            $"FROM unnest({string.Join(", ", arrays.Select(a => "@" + a))}, @at) AS u({string.Join(", ", arrays)}, at) " +
            "CROSS JOIN LATERAL (SELECT u.r::jsonb AS j OFFSET 0) AS p" + // OFFSET 0: parsed once, not once per reference
            (upsert ? " ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", quoted.Skip(1).Select(c => $"{c} = excluded.{c}")) : "");

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        Text(command, "k", rows.Select(r => (string?)ToText(r.Row.Key)));
        for (var i = 0; i < columns.Count; i++)
        {
            var ordinal = i;
            Text(command, "c" + i, rows.Select(r => ToText(r.Row.ValueAt(ordinal))));
        }

        Text(command, "r", rows.Select(r => (string?)r.Json));
        Text(command, "m", rows.Select(r => r.Row.Meta));
        Text(command, "run", rows.Select(r => (string?)r.RunId));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            TypedValue = rows.Select(r => r.SyncedAt).ToArray(),
        });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Text(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values.ToArray() });

    /// <summary>The PostgreSQL text form of a typed value, which its column's cast reads back exactly.</summary>
    private static string? ToText(object? value) => value switch
    {
        null => null,
        string text => text,
        JsonField field => field.Name,
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        decimal exact => exact.ToString(CultureInfo.InvariantCulture),
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "Not a typed column value."),
    };
}
