using Npgsql;
using NpgsqlTypes;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>One typed row as it goes to PostgreSQL: its values, the raw record's UTF-8 bytes and the sync columns.</summary>
internal readonly record struct PostgresRow(TypedRow Row, ReadOnlyMemory<byte> Record, string RunId, DateTime SyncedAt);

/// <summary>
/// Writes a batch of typed rows with binary COPY into a temporary table, then one <c>INSERT ... SELECT</c> into the
/// stream table (<c>ON CONFLICT (id) DO UPDATE</c> for append_dedup and overwrite; the caller has already kept the last
/// record of any id the batch repeats, as ON CONFLICT cannot touch one row twice). Every value travels in its column
/// type's binary form (text and the record as the record's own UTF-8 bytes), so the server parses no text into numbers or
/// times (a number with a fraction goes as its shortest round-trip text, read exactly by numeric's own parse).
/// A JSON column travels as the name of the field that fills it and is taken out of the record there
/// (<c>record -> field</c>): the server parses each record once, not its nested values a second time. The temporary
/// table is made per batch from the columns as they are now (so it has any column the batch added), lives in local
/// memory without WAL, and goes at commit.
/// </summary>
internal static class PostgresCopy
{
    private const string Batch = "pg_temp.paystack_batch";

    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string qualifiedTable, TableColumns columns, bool upsert,
        IReadOnlyList<PostgresRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var batchColumns = new List<string> { "id" };
        batchColumns.AddRange(Enumerable.Range(0, columns.Count).Select(i => "c" + i));
        batchColumns.AddRange(["record", "meta", "run", "at"]);
        var definitions = new List<string> { "id " + SqlTypes.Postgres(columns.KeyType) };
        definitions.AddRange(columns.All.Select((c, i) => $"c{i} " + PostgresValues.BatchType(c.Type)));
        definitions.AddRange(["record jsonb", "meta jsonb", "run text", "at timestamptz"]);
        // Dropped first: a caller may write several batches in one transaction (the layout migration does).
        await Execute(connection, transaction,
            $"DROP TABLE IF EXISTS {Batch}; CREATE TEMPORARY TABLE paystack_batch ({string.Join(", ", definitions)}) WITH (toast_tuple_target = 8160) ON COMMIT DROP", ct);
        await CopyAsync(connection, Batch, string.Join(", ", batchColumns), columns, rows, ct);

        var quoted = ColumnList(columns).Select(SqlIdentifier.Quote).ToList();
        var selected = new List<string> { "b.id" };
        selected.AddRange(columns.All.Select((c, i) => c.Type switch
        {
            ColumnType.Json => $"b.record -> b.c{i}",
            ColumnType.Number => $"b.c{i}::numeric",
            _ => $"b.c{i}",
        }));
        selected.AddRange(["b.record", "b.meta", "b.run", "b.at"]);
        await Execute(connection, transaction,
            $"INSERT INTO {qualifiedTable} ({string.Join(", ", quoted)}) SELECT {string.Join(", ", selected)} FROM {Batch} AS b" +
            (upsert ? " ON CONFLICT (id) DO UPDATE SET " + string.Join(", ", quoted.Skip(1).Select(c => $"{c} = excluded.{c}")) : ""), ct);
    }

    /// <summary><c>id</c>, the data columns in table order, then the columns the destination owns.</summary>
    private static IEnumerable<string> ColumnList(TableColumns columns) =>
        new[] { ColumnNames.Id }.Concat(columns.All.Select(c => c.Name)).Concat(ColumnNames.Owned);

    private static async Task CopyAsync(
        NpgsqlConnection connection, string table, string quotedColumns, TableColumns columns, IReadOnlyList<PostgresRow> rows,
        CancellationToken ct)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY {table} ({quotedColumns}) FROM STDIN (FORMAT BINARY)", ct);
        // Values are written synchronously: they go to Npgsql's buffer, which blocks only to send a full buffer, and
        // an await per value (some forty a row) costs more than those sends.
        foreach (var (row, record, runId, syncedAt) in rows)
        {
            ct.ThrowIfCancellationRequested();
            import.StartRow();
            if (columns.KeyType == ColumnType.BigInt) import.Write((long)row.Key, NpgsqlDbType.Bigint);
            else import.Write(PostgresValues.KeyText(row.Key), NpgsqlDbType.Text);
            for (var i = 0; i < columns.Count; i++)
            {
                PostgresValues.Write(import, columns[i].Type, row.ValueAt(i));
            }

            import.Write(record, NpgsqlDbType.Jsonb);
            if (row.Meta is null) import.WriteNull();
            else import.Write(row.Meta, NpgsqlDbType.Jsonb);
            import.Write(runId, NpgsqlDbType.Text);
            import.Write(syncedAt, NpgsqlDbType.TimestampTz);
        }

        await import.CompleteAsync(ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
