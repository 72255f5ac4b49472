using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// Rebuilds a stream table of the raw layout (<c>id, created_at, created_at_ts, record</c> and the sync columns) as a
/// typed table in place, inside the caller's transaction: every row is kept, in order, with its record, run id and
/// sync time, and typed from its record as a new write would be. The unique key on id comes along when it was there.
/// </summary>
internal static class SqliteLayoutMigration
{
    private const int Chunk = 1_000;

    /// <summary>Migrates <paramref name="table"/> when it has the raw layout; returns whether it did.</summary>
    public static bool MigrateIfRaw(SqliteConnection connection, SqliteTransaction transaction, string table, StreamDefinition stream)
    {
        var tables = new SqliteTables(connection, transaction);
        if (!tables.Exists(table) || !tables.HasRawLayout(table)) return false;

        var hadUniqueId = tables.HasUniqueId(table);
        var raw = table + "__raw";
        tables.Drop(raw);
        tables.Rename(table, raw);
        var columns = tables.Prepare(table, stream);
        var sql = new SqliteStatements(connection, transaction);
        SqliteInsert? insert = null;
        try
        {
            for (long after = 0; ;)
            {
                var rows = new List<(long RowId, PaystackRecord Record, string RunId, string SyncedAt)>(Chunk);
                using (var command = sql.Command(
                           $"SELECT rowid, id, record, _run_id, _synced_at FROM {SqlIdentifier.Quote(raw)} WHERE rowid > $after ORDER BY rowid LIMIT {Chunk}",
                           ("$after", after)))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        rows.Add((reader.GetInt64(0), new PaystackRecord(reader.GetString(1), null, null, reader.GetString(2)),
                            reader.GetString(3), reader.GetString(4)));
                    }
                }

                if (rows.Count == 0) break;
                var typed = new RecordTyper(stream, columns).TypeAll(rows.Select(row => row.Record).ToList());
                tables.AddColumns(table, columns.Pending);
                columns.Commit();
                if (insert?.ColumnCount != columns.Count)
                {
                    insert?.Dispose();
                    insert = SqliteInsert.Prepare(connection, table, columns, upsert: false);
                }

                for (var i = 0; i < rows.Count; i++)
                {
                    insert.Execute(typed[i], rows[i].Record.Utf8Json.Span, rows[i].RunId, rows[i].SyncedAt);
                }

                after = rows[^1].RowId;
            }
        }
        finally
        {
            insert?.Dispose();
        }

        tables.Drop(raw);
        tables.EnsureCreatedAtIndex(table);
        if (hadUniqueId) tables.EnsureUniqueId(table);
        return true;
    }
}
