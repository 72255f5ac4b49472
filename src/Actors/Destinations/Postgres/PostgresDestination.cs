using Npgsql;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Postgres;

/// <summary>
/// Writes streams into PostgreSQL, one typed table per stream (a column per top-level field, the raw record as
/// <c>jsonb</c> beside them). Each batch is one transaction: its rows travel by binary COPY (see <see cref="PostgresCopy"/>).
/// Safe to call from several threads: streams write side by side, one pooled connection each.
/// </summary>
public sealed class PostgresDestination : IDestination
{
    private readonly PostgresDestinationOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ActiveStreams _active = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;
    private string _account = "";

    public PostgresDestination(PostgresDestinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Schema);
        ArgumentNullException.ThrowIfNull(options.TablePrefix);
        if (options.Schema.Contains('\0', StringComparison.Ordinal) || System.Text.Encoding.UTF8.GetByteCount(options.Schema) > 63)
        {
            throw new ArgumentException("The schema name must be at most 63 bytes and contain no NUL character.", nameof(options));
        }

        _options = options;
        var pooled = PostgresPool.Capped(options.ConnectionString, PostgresPool.DestinationConnections);
        _dataSource = NpgsqlDataSource.Create(pooled);
        ConcurrentStreams = Math.Max(1, new NpgsqlConnectionStringBuilder(pooled).MaxPoolSize);
    }

    /// <inheritdoc />
    /// <remarks>As many as the pool has connections.</remarks>
    public int ConcurrentStreams { get; }

    /// <summary>The schema holding the stream tables.</summary>
    public string Schema => _options.Schema;

    /// <inheritdoc />
    /// <remarks>
    /// A session advisory lock per schema and account, on a connection of its own that is never pooled: closing it, or
    /// the death of this process, ends the session and so the lock.
    /// </remarks>
    public async Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var key = $"paystack-sync lease {_options.Schema} {accountId}";
        var session = await LeaseWait.UntilTakenAsync(
            ct => TryLockAsync(key, ct),
            wait,
            async waited => new DestinationBusyException(Describe(), accountId, await HolderAsync(accountId), waited),
            cancellationToken).ConfigureAwait(false);
        try
        {
            _account = accountId;
            var bookkeeping = new PostgresBookkeeping(session, null, _options.Schema);
            await bookkeeping.RecordHolderAsync(LeaseHolder.Current(accountId), cancellationToken).ConfigureAwait(false);
            var id = await bookkeeping.DestinationIdAsync(cancellationToken).ConfigureAwait(false);
            return new DestinationLease(id, () => ReleaseAsync(session, key));
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var names = StreamTableNames.For(stream.Name, _options.TablePrefix);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await MigrateRawLayoutAsync(names, stream, cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var tables = new PostgresTables(connection, transaction, _options.Schema);
        var recorded = await new PostgresBookkeeping(connection, transaction, _options.Schema)
            .ProgressOfAsync(names.Target, cancellationToken).ConfigureAwait(false);
        return DestinationProgress.Of(
            await tables.ExistsAsync(names.Target, cancellationToken).ConfigureAwait(false),
            recorded,
            await tables.StagingRunIdAsync(names.Target, cancellationToken).ConfigureAwait(false),
            await tables.ExistsAsync(names.Staging, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        ValidateBegin.Arguments(stream, mode, runId);
        var names = StreamTableNames.For(stream.Name, _options.TablePrefix);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await MigrateRawLayoutAsync(names, stream, cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var tables = new PostgresTables(connection, transaction, _options.Schema);
        await tables.LockAsync(names.Target, cancellationToken).ConfigureAwait(false);
        ActiveStream active;
        if (mode == WriteMode.Overwrite)
        {
            // A resumed run (same run id) keeps its staged rows, or, when its swap already happened, keeps the
            // swapped table as it is; any other run, or one whose staging table is gone, stages afresh.
            var progress = await new PostgresBookkeeping(connection, transaction, _options.Schema)
                .ProgressOfAsync(names.Target, cancellationToken).ConfigureAwait(false);
            if (progress?.SwappedRunId == runId)
            {
                active = new ActiveStream(names, mode, runId,
                    await tables.ColumnsAsync(names.Target, cancellationToken).ConfigureAwait(false), AlreadySwapped: true);
            }
            else
            {
                if (await tables.StagingRunIdAsync(names.Target, cancellationToken).ConfigureAwait(false) != runId
                    || !await tables.ExistsAsync(names.Staging, cancellationToken).ConfigureAwait(false))
                {
                    await tables.DropAsync(names.Staging, cancellationToken).ConfigureAwait(false);
                    await tables.CreateIfMissingAsync(names.Staging, stream, cancellationToken).ConfigureAwait(false);
                    await tables.RecordStagingAsync(names.Target, runId, cancellationToken).ConfigureAwait(false);
                }

                // Overwrite upserts on id, so a resumed run does not duplicate rows it wrote before it stopped.
                await tables.EnsureUniqueIdAsync(names.Staging, cancellationToken).ConfigureAwait(false);

                active = new ActiveStream(names, mode, runId,
                    await tables.PrepareAsync(names.Staging, stream, cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            // An unfinished overwrite of this stream is obsolete once the stream is written another way.
            await tables.DropAsync(names.Staging, cancellationToken).ConfigureAwait(false);
            await tables.ForgetStagingAsync(names.Target, cancellationToken).ConfigureAwait(false);
            var existed = await tables.ExistsAsync(names.Target, cancellationToken).ConfigureAwait(false);
            active = new ActiveStream(names, mode, runId,
                await tables.PrepareAsync(names.Target, stream, cancellationToken).ConfigureAwait(false));
            if (existed) await tables.EnsureCreatedAtIndexAsync(names.Target, cancellationToken).ConfigureAwait(false);
            if (mode == WriteMode.AppendDedup)
            {
                await tables.EnsureUniqueIdAsync(names.Target, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await tables.DropUniqueIdAsync(names.Target, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _active.Set(stream, active);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each record is split into its typed columns first; columns its fields brought are added in the batch's
    /// transaction, so they exist exactly when the rows that need them do.
    /// </remarks>
    public async Task<long> WriteAsync(
        StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var active = _active.Get(stream);
        var columns = active.Columns;
        // ON CONFLICT cannot touch one row twice in a statement, so a batch that repeats an id keeps its last record.
        var batch = active.UpsertsOnId ? RecordBatches.LastPerId(records) : records;
        var syncedAt = DateTime.UtcNow;
        try
        {
            var typed = new RecordTyper(stream, columns, jsonByField: true).TypeAll(batch);
            var rows = batch.Select((record, i) => new PostgresRow(typed[i], record.Utf8Json, active.RunId, syncedAt)).ToList();

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await new PostgresTables(connection, transaction, _options.Schema)
                .AddColumnsAsync(active.WriteTable, columns.Pending, cancellationToken).ConfigureAwait(false);
            await PostgresCopy.WriteAsync(connection, transaction, SqlIdentifier.Qualify(_options.Schema, active.WriteTable),
                columns, active.UpsertsOnId, rows, cancellationToken).ConfigureAwait(false);
            var writes = await new PostgresBookkeeping(connection, transaction, _options.Schema)
                .CountWriteAsync(active.Names.Target, _account, receipt, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            columns.Commit();
            return writes;
        }
        catch
        {
            columns.Rollback();
            throw;
        }
    }

    /// <summary>Rebuilds the stream's tables of the raw layout (versions before typed columns) as typed tables, in one transaction.</summary>
    private async Task MigrateRawLayoutAsync(StreamTableNames names, StreamDefinition stream, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await new PostgresTables(connection, transaction, _options.Schema).LockAsync(names.Target, ct).ConfigureAwait(false);
        var migrated = await PostgresLayoutMigration.MigrateIfRawAsync(connection, transaction, _options.Schema, names.Target, stream, ct)
            .ConfigureAwait(false);
        migrated |= await PostgresLayoutMigration.MigrateIfRawAsync(connection, transaction, _options.Schema, names.Staging, stream, ct)
            .ConfigureAwait(false);
        if (migrated) await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var active = _active.Get(stream);
        var names = active.Names;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One transaction: readers see the old table until the commit, then the new one.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var swap = active is { Mode: WriteMode.Overwrite, AlreadySwapped: false };
        var tables = new PostgresTables(connection, transaction, _options.Schema);
        if (swap)
        {
            await tables.LockAsync(names.Target, cancellationToken).ConfigureAwait(false);
            if (!await tables.ExistsAsync(names.Staging, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"The staging table of stream '{stream.Name}' is gone, so the overwrite cannot complete. The next run stages it again.");
            }

            await tables.DropAsync(names.Target, cancellationToken).ConfigureAwait(false);
            await tables.RenameAsync(names.Staging, names.Target, cancellationToken).ConfigureAwait(false);
        }

        if (await tables.ExistsAsync(names.Target, cancellationToken).ConfigureAwait(false))
        {
            await tables.EnsureCreatedAtIndexAsync(names.Target, cancellationToken).ConfigureAwait(false);
        }

        // The swapped run is recorded with the swap: it tells a resumed run that its swap is done.
        await new PostgresBookkeeping(connection, transaction, _options.Schema)
            .RecordCompletionAsync(names.Target, _account, cursor, swap ? active.RunId : null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _active.Remove(stream);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private string Describe() => $"postgres schema {_options.Schema}";

    /// <summary>A session holding the account's lock, or null when another session holds it.</summary>
    private async Task<NpgsqlConnection?> TryLockAsync(string key, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_options.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@k, 0))", connection);
            command.Parameters.AddWithValue("k", key);
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true) return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Unlocks before closing: a closed session's locks are freed only once its server process has exited, a moment
    /// after the close returns, and a run that leases next in that moment would be refused.
    /// </summary>
    private static async ValueTask ReleaseAsync(NpgsqlConnection session, string key)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@k, 0))", session);
            command.Parameters.AddWithValue("k", key);
            await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken session has lost the lock already; closing it below is all that is left.
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<LeaseHolder?> HolderAsync(string accountId)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return await new PostgresBookkeeping(connection, null, _options.Schema).HolderAsync(accountId, CancellationToken.None).ConfigureAwait(false);
    }

    // Once per instance, in a transaction of its own, before any stream's table work.
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _schemaReady))
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await new PostgresTables(connection, transaction, _options.Schema).EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _schemaReady, true);
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
