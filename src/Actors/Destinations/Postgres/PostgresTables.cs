using Npgsql;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>The DDL and catalogue queries of the PostgreSQL destination; every call runs inside the caller's transaction.</summary>
internal sealed class PostgresTables(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema)
{
    private readonly PostgresStatements _sql = new(connection, transaction);

    public string Qualified(string table) => SqlIdentifier.Qualify(schema, table);

    private string Metadata => Qualified(StreamTableNames.StagingMetadataTable);

    /// <summary>
    /// Creates the schema and the bookkeeping tables when missing (checked first: CREATE SCHEMA needs a privilege).
    /// Serialised by an advisory lock: concurrent CREATE ... IF NOT EXISTS of one object can still collide.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await _sql.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", ct, ("k", "paystack-sync schema " + schema));
        if (!await _sql.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @s)", ct, ("s", schema)))
        {
            await _sql.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(schema)}", ct);
        }

        await _sql.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Metadata} (table_name text PRIMARY KEY, run_id text NOT NULL, started_at timestamptz NOT NULL)",
            ct);
        await new PostgresBookkeeping(connection, transaction, schema).CreateAsync(ct);
    }

    /// <summary>Serialises table changes of one stream across processes until the transaction ends.</summary>
    public Task LockAsync(string table, CancellationToken ct) =>
        _sql.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", ct, ("k", Qualified(table)));

    /// <summary>
    /// Creates the stream's typed table when missing: <c>id</c>, the columns its schema declares, the raw record,
    /// <c>_meta</c> and the sync columns. Its index on <c>created_at</c> comes with <see cref="EnsureCreatedAtIndexAsync"/>
    /// once the run that fills it completes: one pass over the rows rather than an index update per row.
    /// A typed row carries its values twice (columns and <c>record</c>), so it often passes the 2 KB at which
    /// PostgreSQL starts compressing; <c>toast_tuple_target</c> at a whole page keeps rows that fit a page
    /// uncompressed, as the rows of the raw layout mostly were, rather than spending the server's CPU on pglz.
    /// </summary>
    public async Task CreateIfMissingAsync(string table, StreamDefinition stream, CancellationToken ct)
    {
        var columns = SchemaColumns.Declared(stream).Select(c => $"{SqlIdentifier.Quote(c.Name)} {SqlTypes.Postgres(c.Type)}");
        await _sql.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Qualified(table)} (id {SqlTypes.Postgres(SchemaColumns.KeyType(stream))} NOT NULL, " +
            string.Join(", ", columns) + ", record jsonb NOT NULL, _meta jsonb, _run_id text NOT NULL, _synced_at timestamptz NOT NULL) " +
            "WITH (toast_tuple_target = 8160)",
            ct);
    }

    /// <summary>
    /// The table ready for a run: created when missing, given any column its schema declares that it lacks (a table
    /// made before the schema named the field), and its columns as the database has them.
    /// </summary>
    public async Task<TableColumns> PrepareAsync(string table, StreamDefinition stream, CancellationToken ct)
    {
        await CreateIfMissingAsync(table, stream, ct);
        var columns = await ColumnsAsync(table, ct);
        foreach (var (name, type) in SchemaColumns.Declared(stream))
        {
            if (!columns.TryGetOrdinal(name, out _)) columns.Add(name, type);
        }

        await AddColumnsAsync(table, columns.Pending, ct);
        columns.Commit();
        return columns;
    }

    /// <summary>The table's data columns and key type as the database has them.</summary>
    public async Task<TableColumns> ColumnsAsync(string table, CancellationToken ct)
    {
        var key = ColumnType.Text;
        var data = new List<(string, ColumnType)>();
        await using var command = _sql.Command(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a " +
            "WHERE a.attrelid = to_regclass(@t) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            ("t", Qualified(table)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (name, type) = (reader.GetString(0), SqlTypes.FromPostgres(reader.GetString(1)));
            if (name == ColumnNames.Id) key = type == ColumnType.BigInt ? ColumnType.BigInt : ColumnType.Text;
            else if (!ColumnNames.Owned.Contains(name)) data.Add((name, type));
        }

        return new TableColumns(key, data);
    }

    /// <summary>ALTER TABLE ... ADD COLUMN for the columns a batch's records brought.</summary>
    public async Task AddColumnsAsync(string table, IEnumerable<(string Name, ColumnType Type)> columns, CancellationToken ct)
    {
        foreach (var (name, type) in columns.ToList())
        {
            await _sql.ExecuteAsync(
                $"ALTER TABLE {Qualified(table)} ADD COLUMN IF NOT EXISTS {SqlIdentifier.Quote(name)} {SqlTypes.Postgres(type)}", ct);
        }
    }

    /// <summary>Whether the table has the layout of versions before typed columns (<c>created_at_ts</c>, all raw).</summary>
    public async Task<bool> HasRawLayoutAsync(string table, CancellationToken ct) => await _sql.ScalarAsync<bool>(
        "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(@t) AND attname = 'created_at_ts' AND NOT attisdropped)",
        ct, ("t", Qualified(table)));

    /// <summary>An index on <c>created_at</c> (named by PostgreSQL, which keeps names unique as staging tables come and go).</summary>
    public async Task EnsureCreatedAtIndexAsync(string table, CancellationToken ct)
    {
        var indexed = await _sql.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
            "WHERE i.indrelid = to_regclass(@t) AND a.attname = 'created_at')",
            ct, ("t", Qualified(table)));
        if (!indexed) await _sql.ExecuteAsync($"CREATE INDEX ON {Qualified(table)} (created_at)", ct);
    }

    /// <summary>Whether the table has a unique key on id (append_dedup, overwrite).</summary>
    public async Task<bool> HasUniqueIdAsync(string table, CancellationToken ct) => (await UniqueIdIndexesAsync(table, ct)).Count > 0;

    public async Task<bool> ExistsAsync(string table, CancellationToken ct) =>
        await _sql.ScalarAsync<bool>("SELECT to_regclass(@t) IS NOT NULL", ct, ("t", Qualified(table)));

    public Task DropAsync(string table, CancellationToken ct) => _sql.ExecuteAsync($"DROP TABLE IF EXISTS {Qualified(table)}", ct);

    /// <summary>Renames a table and its unique key index, so the index name always follows the table name.</summary>
    public async Task RenameAsync(string from, string to, CancellationToken ct)
    {
        await _sql.ExecuteAsync($"ALTER TABLE {Qualified(from)} RENAME TO {SqlIdentifier.Quote(to)}", ct);
        foreach (var (index, _) in await UniqueIdIndexesAsync(to, ct))
        {
            if (index == UniqueIndexName(from))
            {
                await _sql.ExecuteAsync($"ALTER INDEX {Qualified(index)} RENAME TO {SqlIdentifier.Quote(UniqueIndexName(to))}", ct);
            }
        }
    }

    /// <summary>Gives the table a unique key on id, first keeping only the latest row of each id.</summary>
    public async Task EnsureUniqueIdAsync(string table, CancellationToken ct)
    {
        if ((await UniqueIdIndexesAsync(table, ct)).Count > 0)
        {
            return;
        }

        var quoted = Qualified(table);
        await _sql.ExecuteAsync(
            $"DELETE FROM {quoted} AS a USING {quoted} AS b WHERE a.id = b.id AND (a._synced_at, a.ctid) < (b._synced_at, b.ctid)",
            ct);
        await _sql.ExecuteAsync($"CREATE UNIQUE INDEX {SqlIdentifier.Quote(UniqueIndexName(table))} ON {quoted} (id)", ct);
    }

    /// <summary>An appended table must accept repeated ids, so a unique key left by dedupe or overwrite goes.</summary>
    public async Task DropUniqueIdAsync(string table, CancellationToken ct)
    {
        foreach (var (index, isConstraint) in await UniqueIdIndexesAsync(table, ct))
        {
            if (isConstraint)
            {
                throw new InvalidOperationException(
                    $"Table '{table}' declares id as a primary or unique key, so it cannot take append mode's repeated ids. " +
                    "Drop the table or write it with append_dedup or overwrite.");
            }

            await _sql.ExecuteAsync($"DROP INDEX {Qualified(index)}", ct);
        }
    }

    public Task<string?> StagingRunIdAsync(string table, CancellationToken ct) =>
        _sql.ScalarAsync<string?>($"SELECT run_id FROM {Metadata} WHERE table_name = @t", ct, ("t", table));

    public Task RecordStagingAsync(string table, string runId, CancellationToken ct) => _sql.ExecuteAsync(
        $"INSERT INTO {Metadata} (table_name, run_id, started_at) VALUES (@t, @r, now()) " +
        "ON CONFLICT (table_name) DO UPDATE SET run_id = excluded.run_id, started_at = excluded.started_at",
        ct, ("t", table), ("r", runId));

    public Task ForgetStagingAsync(string table, CancellationToken ct) =>
        _sql.ExecuteAsync($"DELETE FROM {Metadata} WHERE table_name = @t", ct, ("t", table));

    private static string UniqueIndexName(string table) => table + "_uk";

    private async Task<List<(string Index, bool IsConstraint)>> UniqueIdIndexesAsync(string table, CancellationToken ct)
    {
        await using var command = _sql.Command(
            "SELECT c.relname, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) " +
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
            "WHERE i.indrelid = to_regclass(@t) AND i.indisunique AND i.indnkeyatts = 1 AND i.indpred IS NULL AND a.attname = 'id'",
            ("t", Qualified(table)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<(string, bool)>();
        while (await reader.ReadAsync(ct))
        {
            result.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return result;
    }
}
