using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>The DDL and catalogue queries of the SQLite destination; every call runs inside the caller's transaction.</summary>
internal sealed class SqliteTables(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly SqliteStatements _sql = new(connection, transaction);

    /// <summary>
    /// Creates the stream's typed table when missing: <c>id</c>, the columns its schema declares, the raw record,
    /// <c>_meta</c> and the sync columns. Its index on <c>created_at</c> comes with <see cref="EnsureCreatedAtIndex"/>
    /// once the run that fills it completes: one pass over the rows rather than an index update per row.
    /// </summary>
    public void CreateIfMissing(string table, StreamDefinition stream)
    {
        if (!Exists(table))
        {
            var columns = SchemaColumns.Declared(stream).Select(c => $"{SqlIdentifier.Quote(c.Name)} {SqlTypes.Sqlite(c.Type)}");
            _sql.Execute(
                $"CREATE TABLE {SqlIdentifier.Quote(table)} (id {SqlTypes.Sqlite(SchemaColumns.KeyType(stream))} NOT NULL, " +
                string.Join(", ", columns) + ", record TEXT NOT NULL, _meta JSON, _run_id TEXT NOT NULL, _synced_at TEXT NOT NULL)");
        }
    }

    /// <summary>
    /// The table ready for a run: created when missing, given any column its schema declares that it lacks (a table
    /// made before the schema named the field), and its columns as the database has them.
    /// </summary>
    public TableColumns Prepare(string table, StreamDefinition stream)
    {
        CreateIfMissing(table, stream);
        var columns = Columns(table);
        foreach (var (name, type) in SchemaColumns.Declared(stream))
        {
            if (!columns.TryGetOrdinal(name, out _)) columns.Add(name, type);
        }

        AddColumns(table, columns.Pending);
        columns.Commit();
        return columns;
    }

    /// <summary>The table's data columns and key type as the database has them.</summary>
    public TableColumns Columns(string table)
    {
        var key = ColumnType.Text;
        var data = new List<(string, ColumnType)>();
        using var command = _sql.Command("SELECT name, type FROM pragma_table_info($t) ORDER BY cid", ("$t", table));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (name, type) = (reader.GetString(0), SqlTypes.FromSqlite(reader.GetString(1)));
            if (name == ColumnNames.Id) key = type == ColumnType.BigInt ? ColumnType.BigInt : ColumnType.Text;
            else if (!ColumnNames.Owned.Contains(name)) data.Add((name, type));
        }

        return new TableColumns(key, data);
    }

    /// <summary>ALTER TABLE ... ADD COLUMN for the columns a batch's records brought.</summary>
    public void AddColumns(string table, IEnumerable<(string Name, ColumnType Type)> columns)
    {
        foreach (var (name, type) in columns)
        {
            _sql.Execute($"ALTER TABLE {SqlIdentifier.Quote(table)} ADD COLUMN {SqlIdentifier.Quote(name)} {SqlTypes.Sqlite(type)}");
        }
    }

    /// <summary>Whether the table has the layout of versions before typed columns (<c>created_at_ts</c>, all raw).</summary>
    public bool HasRawLayout(string table) =>
        _sql.Scalar<long>("SELECT count(*) FROM pragma_table_info($t) WHERE name = 'created_at_ts'", ("$t", table)) > 0;

    /// <summary>An index on <c>created_at</c>, named with a random suffix for the reason <see cref="EnsureUniqueId"/> gives.</summary>
    public void EnsureCreatedAtIndex(string table)
    {
        var indexed = _sql.Scalar<long>(
            "SELECT count(*) FROM pragma_index_list($t) AS il WHERE (SELECT ii.name FROM pragma_index_info(il.name) AS ii WHERE ii.seqno = 0) = 'created_at'",
            ("$t", table));
        if (indexed > 0) return;
        var indexName = $"{table}_created_{Guid.NewGuid().ToString("N")[..8]}";
        _sql.Execute($"CREATE INDEX {SqlIdentifier.Quote(indexName)} ON {SqlIdentifier.Quote(table)} (created_at)");
    }

    /// <summary>Whether the table has a unique key on id (append_dedup, overwrite).</summary>
    public bool HasUniqueId(string table) => UniqueIdIndexes(table).Count > 0;

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
