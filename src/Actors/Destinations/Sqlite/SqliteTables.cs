using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Tables;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>The DDL and catalogue queries of the SQLite destination; every call runs inside the caller's transaction.</summary>
internal sealed class SqliteTables(SqliteConnection connection, SqliteTransaction transaction)
{
    public const string Columns = "id, created_at, created_at_ts, record, _run_id, _synced_at";

    private readonly SqliteStatements _sql = new(connection, transaction);

    public void CreateIfMissing(string table) => _sql.Execute(
        $"CREATE TABLE IF NOT EXISTS {SqlIdentifier.Quote(table)} (" +
        "id TEXT NOT NULL, created_at TEXT, created_at_ts TEXT, record TEXT NOT NULL, " +
        "_run_id TEXT NOT NULL, _synced_at TEXT NOT NULL)");

    public bool Exists(string table) =>
        _sql.Scalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t", ("$t", table)) > 0;

    public void Drop(string table) => _sql.Execute($"DROP TABLE IF EXISTS {SqlIdentifier.Quote(table)}");

    public void Rename(string from, string to) =>
        _sql.Execute($"ALTER TABLE {SqlIdentifier.Quote(from)} RENAME TO {SqlIdentifier.Quote(to)}");

    /// <summary>
    /// Gives the table a unique key on id, first keeping only the latest row of each id (a table that was appended to
    /// may hold repeats). Index names carry a random suffix because SQLite cannot rename an index and an overwrite
    /// renames its staging table, indexes included, into place.
    /// </summary>
    public void EnsureUniqueId(string table)
    {
        if (UniqueIdIndexes(table).Count > 0)
        {
            return;
        }

        var quoted = SqlIdentifier.Quote(table);
        _sql.Execute($"DELETE FROM {quoted} WHERE rowid NOT IN (SELECT max(rowid) FROM {quoted} GROUP BY id)");
        var indexName = $"{table}_uk_{Guid.NewGuid().ToString("N")[..8]}";
        _sql.Execute($"CREATE UNIQUE INDEX {SqlIdentifier.Quote(indexName)} ON {quoted} (id)");
    }

    /// <summary>An appended table must accept repeated ids, so a unique key left by dedupe or overwrite goes.</summary>
    public void DropUniqueId(string table)
    {
        foreach (var (name, origin) in UniqueIdIndexes(table))
        {
            if (origin != "c")
            {
                throw new InvalidOperationException(
                    $"Table '{table}' declares id as a primary or unique key, so it cannot take append mode's repeated ids. " +
                    "Drop the table or write it with append_dedup or overwrite.");
            }

            _sql.Execute($"DROP INDEX {SqlIdentifier.Quote(name)}");
        }
    }

    public string? StagingRunId(string table) => _sql.Scalar<string?>(
        $"SELECT run_id FROM {SqlIdentifier.Quote(StreamTableNames.StagingMetadataTable)} WHERE table_name = $t",
        ("$t", table));

    public void RecordStaging(string table, string runId) => _sql.Execute(
        $"INSERT INTO {SqlIdentifier.Quote(StreamTableNames.StagingMetadataTable)} (table_name, run_id, started_at) " +
        "VALUES ($t, $r, $s) ON CONFLICT (table_name) DO UPDATE SET run_id = excluded.run_id, started_at = excluded.started_at",
        ("$t", table), ("$r", runId), ("$s", RecordBatches.SortableUtc(DateTimeOffset.UtcNow)));

    public void ForgetStaging(string table) => _sql.Execute(
        $"DELETE FROM {SqlIdentifier.Quote(StreamTableNames.StagingMetadataTable)} WHERE table_name = $t", ("$t", table));

    private List<(string Name, string Origin)> UniqueIdIndexes(string table)
    {
        using var command = _sql.Command(
            "SELECT il.name, il.origin FROM pragma_index_list($t) AS il WHERE il.\"unique\" = 1 " +
            "AND (SELECT count(*) FROM pragma_index_info(il.name)) = 1 " +
            "AND (SELECT ii.name FROM pragma_index_info(il.name) AS ii) = 'id'",
            ("$t", table));
        using var reader = command.ExecuteReader();
        var result = new List<(string, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }
}
