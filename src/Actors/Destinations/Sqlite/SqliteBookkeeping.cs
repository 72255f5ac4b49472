using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Tables;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// The destination's own tables in SQLite: its id, each stream table's progress and the lease holder. Every call runs
/// inside the caller's transaction, so progress changes commit with the rows they describe.
/// </summary>
internal sealed class SqliteBookkeeping(SqliteConnection connection, SqliteTransaction? transaction)
{
    private readonly SqliteStatements _sql = new(connection, transaction);

    private static readonly string Progress = SqlIdentifier.Quote(StreamTableNames.ProgressTable);
    private static readonly string Identity = SqlIdentifier.Quote(StreamTableNames.IdentityTable);
    private static readonly string Lease = SqlIdentifier.Quote(StreamTableNames.LeaseTable);

    public static string CreateSql =>
        $"CREATE TABLE IF NOT EXISTS {SqlIdentifier.Quote(StreamTableNames.StagingMetadataTable)} " +
        "(table_name TEXT PRIMARY KEY, run_id TEXT NOT NULL, started_at TEXT NOT NULL); " +
        $"CREATE TABLE IF NOT EXISTS {Progress} (table_name TEXT PRIMARY KEY, account TEXT NOT NULL, " +
        "writes INTEGER NOT NULL, cursor TEXT, swapped_run_id TEXT, last_receipt TEXT, updated_at TEXT NOT NULL); " +
        $"CREATE TABLE IF NOT EXISTS {Identity} (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), id TEXT NOT NULL, created_at TEXT NOT NULL); " +
        $"CREATE TABLE IF NOT EXISTS {Lease} (account TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL);";

    /// <summary>The destination's id, minted on first use.</summary>
    public string DestinationId()
    {
        _sql.Execute($"INSERT INTO {Identity} (singleton, id, created_at) VALUES (1, $id, $at) ON CONFLICT (singleton) DO NOTHING",
            ("$id", DestinationIds.New()), ("$at", Now()));
        return _sql.Scalar<string>($"SELECT id FROM {Identity}")!;
    }

    /// <summary>Counts one more batch written to <paramref name="table"/> and returns the count.</summary>
    public long CountWrite(string table, string account, string? receipt) => _sql.Scalar<long>(
        $"INSERT INTO {Progress} (table_name, account, writes, last_receipt, updated_at) VALUES ($t, $a, 1, $r, $at) " +
        "ON CONFLICT (table_name) DO UPDATE SET writes = writes + 1, account = excluded.account, last_receipt = excluded.last_receipt, " +
        "updated_at = excluded.updated_at RETURNING writes",
        ("$t", table), ("$a", account), ("$r", receipt), ("$at", Now()));

    /// <summary>Records that a run of <paramref name="table"/> completed, complete below <paramref name="cursor"/>.</summary>
    public void RecordCompletion(string table, string account, DateTimeOffset? cursor, string? swappedRunId) => _sql.Execute(
        $"INSERT INTO {Progress} (table_name, account, writes, cursor, swapped_run_id, updated_at) VALUES ($t, $a, 0, $c, $s, $at) " +
        "ON CONFLICT (table_name) DO UPDATE SET account = excluded.account, cursor = excluded.cursor, " +
        "swapped_run_id = coalesce(excluded.swapped_run_id, swapped_run_id), updated_at = excluded.updated_at",
        ("$t", table), ("$a", account), ("$c", RecordBatches.SortableUtc(cursor)), ("$s", swappedRunId), ("$at", Now()));

    public RecordedProgress? ProgressOf(string table)
    {
        using var command = _sql.Command(
            $"SELECT account, writes, cursor, swapped_run_id, last_receipt FROM {Progress} WHERE table_name = $t", ("$t", table));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        DateTimeOffset? cursor = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture);
        return new RecordedProgress(reader.GetString(0), reader.GetInt64(1), cursor,
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    public void RecordHolder(LeaseHolder holder) => _sql.Execute(
        $"INSERT INTO {Lease} (account, host, pid, since) VALUES ($a, $h, $p, $s) " +
        "ON CONFLICT (account) DO UPDATE SET host = excluded.host, pid = excluded.pid, since = excluded.since",
        ("$a", holder.Account), ("$h", holder.Host), ("$p", holder.ProcessId), ("$s", RecordBatches.SortableUtc(holder.Since)));

    /// <summary>The holder that recorded itself last (a SQLite file takes one run at a time, whatever its account).</summary>
    public LeaseHolder? LatestHolder()
    {
        using var command = _sql.Command($"SELECT account, host, pid, since FROM {Lease} ORDER BY since DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LeaseHolder(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    private static string Now() => RecordBatches.SortableUtc(DateTimeOffset.UtcNow)!;
}
