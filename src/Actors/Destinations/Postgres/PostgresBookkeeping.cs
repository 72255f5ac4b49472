using Npgsql;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Tables;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>
/// The destination's own tables in PostgreSQL: its id, each stream table's progress and the lease holders. Every call
/// runs inside the caller's transaction (or none), so progress changes commit with the rows they describe.
/// </summary>
internal sealed class PostgresBookkeeping(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema)
{
    private readonly PostgresStatements _sql = new(connection, transaction);

    private string Progress => SqlIdentifier.Qualify(schema, StreamTableNames.ProgressTable);
    private string Identity => SqlIdentifier.Qualify(schema, StreamTableNames.IdentityTable);
    private string Lease => SqlIdentifier.Qualify(schema, StreamTableNames.LeaseTable);

    public async Task CreateAsync(CancellationToken ct)
    {
        await _sql.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Progress} (table_name text PRIMARY KEY, account text NOT NULL, writes bigint NOT NULL, " +
            "cursor timestamptz, swapped_run_id text, last_receipt text, updated_at timestamptz NOT NULL)", ct);
        await _sql.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Identity} (singleton int PRIMARY KEY CHECK (singleton = 1), id text NOT NULL, " +
            "created_at timestamptz NOT NULL)", ct);
        await _sql.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Lease} (account text PRIMARY KEY, host text NOT NULL, pid int NOT NULL, since timestamptz NOT NULL)", ct);
    }

    /// <summary>The destination's id, minted on first use.</summary>
    public async Task<string> DestinationIdAsync(CancellationToken ct)
    {
        await _sql.ExecuteAsync($"INSERT INTO {Identity} (singleton, id, created_at) VALUES (1, @id, now()) ON CONFLICT (singleton) DO NOTHING",
            ct, ("id", DestinationIds.New()));
        return (await _sql.ScalarAsync<string>($"SELECT id FROM {Identity}", ct))!;
    }

    /// <summary>Counts one more batch written to <paramref name="table"/> and returns the count.</summary>
    public async Task<long> CountWriteAsync(string table, string account, string? receipt, CancellationToken ct) => await _sql.ScalarAsync<long>(
        $"INSERT INTO {Progress} AS p (table_name, account, writes, last_receipt, updated_at) VALUES (@t, @a, 1, @r, now()) " +
        "ON CONFLICT (table_name) DO UPDATE SET writes = p.writes + 1, account = excluded.account, last_receipt = excluded.last_receipt, " +
        "updated_at = excluded.updated_at RETURNING writes",
        ct, ("t", table), ("a", account), ("r", receipt));

    /// <summary>Records that a run of <paramref name="table"/> completed, complete below <paramref name="cursor"/>.</summary>
    public Task RecordCompletionAsync(string table, string account, DateTimeOffset? cursor, string? swappedRunId, CancellationToken ct) =>
        _sql.ExecuteAsync(
            $"INSERT INTO {Progress} AS p (table_name, account, writes, cursor, swapped_run_id, updated_at) VALUES (@t, @a, 0, @c, @s, now()) " +
            "ON CONFLICT (table_name) DO UPDATE SET account = excluded.account, cursor = excluded.cursor, " +
            "swapped_run_id = coalesce(excluded.swapped_run_id, p.swapped_run_id), updated_at = excluded.updated_at",
            ct, ("t", table), ("a", account), ("c", cursor?.UtcDateTime), ("s", swappedRunId));

    public async Task<RecordedProgress?> ProgressOfAsync(string table, CancellationToken ct)
    {
        await using var command = _sql.Command(
            $"SELECT account, writes, cursor, swapped_run_id, last_receipt FROM {Progress} WHERE table_name = @t", ("t", table));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        DateTimeOffset? cursor = reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero);
        return new RecordedProgress(reader.GetString(0), reader.GetInt64(1), cursor,
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    public Task RecordHolderAsync(LeaseHolder holder, CancellationToken ct) => _sql.ExecuteAsync(
        $"INSERT INTO {Lease} (account, host, pid, since) VALUES (@a, @h, @p, @s) " +
        "ON CONFLICT (account) DO UPDATE SET host = excluded.host, pid = excluded.pid, since = excluded.since",
        ct, ("a", holder.Account), ("h", holder.Host), ("p", holder.ProcessId), ("s", holder.Since.UtcDateTime));

    public async Task<LeaseHolder?> HolderAsync(string account, CancellationToken ct)
    {
        await using var command = _sql.Command($"SELECT host, pid, since FROM {Lease} WHERE account = @a", ("a", account));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LeaseHolder(account, reader.GetString(0), reader.GetInt32(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero))
            : null;
    }
}
