using Npgsql;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>
/// Rebuilds a stream table of the raw layout (<c>id, created_at, created_at_ts, record</c> and the sync columns) as a
/// typed table in place, inside the caller's transaction: every row is kept with its record, run id and sync time,
/// and typed from its record as a new write would be. The unique key on id comes along when it was there.
/// </summary>
internal static class PostgresLayoutMigration
{
    private const int Chunk = 2_000;

    /// <summary>Migrates <paramref name="table"/> when it has the raw layout; returns whether it did.</summary>
    public static async Task<bool> MigrateIfRawAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string table, StreamDefinition stream, CancellationToken ct)
    {
        var tables = new PostgresTables(connection, transaction, schema);
        if (!await tables.ExistsAsync(table, ct) || !await tables.HasRawLayoutAsync(table, ct)) return false;

        var hadUniqueId = await tables.HasUniqueIdAsync(table, ct);
        var raw = table + "__raw";
        await tables.DropAsync(raw, ct);
        var sql = new PostgresStatements(connection, transaction);
        await sql.ExecuteAsync($"ALTER TABLE {tables.Qualified(table)} RENAME TO {SqlIdentifier.Quote(raw)}", ct);
        var columns = await tables.PrepareAsync(table, stream, ct);
        await sql.ExecuteAsync(
            $"DECLARE raw_rows NO SCROLL CURSOR FOR SELECT id, record::text, _run_id, _synced_at FROM {tables.Qualified(raw)} ORDER BY ctid", ct);
        while (true)
        {
            var rows = new List<(PaystackRecord Record, string RunId, DateTime SyncedAt)>(Chunk);
            await using (var command = sql.Command($"FETCH FORWARD {Chunk} FROM raw_rows"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((new PaystackRecord(reader.GetString(0), null, null, reader.GetString(1)), reader.GetString(2), reader.GetDateTime(3)));
                }
            }

            if (rows.Count == 0) break;
            var typedRows = new RecordTyper(stream, columns, jsonByField: true).TypeAll(rows.Select(row => row.Record).ToList());
            var typed = rows.Select((row, i) => new PostgresRow(typedRows[i], row.Record.Utf8Json, row.RunId, row.SyncedAt)).ToList();
            await tables.AddColumnsAsync(table, columns.Pending, ct);
            columns.Commit();
            await PostgresCopy.WriteAsync(connection, transaction, tables.Qualified(table), columns, upsert: false, typed, ct);
        }

        await sql.ExecuteAsync("CLOSE raw_rows", ct);
        await tables.DropAsync(raw, ct);
        await tables.EnsureCreatedAtIndexAsync(table, ct);
        if (hadUniqueId) await tables.EnsureUniqueIdAsync(table, ct);
        return true;
    }
}
