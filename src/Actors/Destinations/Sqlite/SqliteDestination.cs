using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// Writes streams into one SQLite file, one table per stream. The file runs in WAL mode so readers in other
/// connections are never blocked and never see a half-written batch. One connection does all the writing (SQLite has
/// one writer anyway): its work is serialised (a batch is typed before it takes its turn), each batch one transaction of
/// reused parameterised statements.
/// </summary>
public sealed class SqliteDestination : IDestination
{
    /// <summary>
    /// Pages of 16 KB for a new file rather than SQLite's 4 KB: a typed row (its columns and its raw record) is often
    /// larger than 2 KB, so a small page holds one row and every batch writes a frame per row to the WAL.
    /// </summary>
    internal const int PageSize = 16384;

    private readonly SqliteDestinationOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ActiveStreams _active = new();
    private readonly Dictionary<(string Table, bool Upsert), SqliteInsert> _inserts = new();
    private SqliteConnection? _connection;
    private string _account = "";
    private bool _disposed;

    public SqliteDestination(SqliteDestinationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentNullException.ThrowIfNull(options.TablePrefix);
        _options = options;
    }

    /// <summary>The database file written to.</summary>
    public string Path => _options.Path;

    /// <inheritdoc />
    /// <remarks>
    /// Two: one writer holds the file while the next stream's batch is typed. More would only queue at the gate, holding
    /// typed batches in memory.
    /// </remarks>
    public int ConcurrentStreams => 2;

    /// <inheritdoc />
    /// <remarks>A SQLite file takes one run at a time, whatever its account: SQLite has one writer anyway.</remarks>
    public async Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var fileLock = await LeaseWait.UntilTakenAsync(
            _ => Task.FromResult(SqliteFileLock.TryTake(_options.Path)),
            wait,
            async waited => new DestinationBusyException($"sqlite:{_options.Path}", accountId, await HolderAsync(), waited),
            cancellationToken).ConfigureAwait(false);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            string id;
            try
            {
                _account = accountId;
                using var transaction = Open().BeginTransaction(deferred: false);
                var bookkeeping = new SqliteBookkeeping(_connection!, transaction);
                bookkeeping.RecordHolder(LeaseHolder.Current(accountId));
                id = bookkeeping.DestinationId();
                transaction.Commit();
            }
            finally
            {
                _gate.Release();
            }

            return new DestinationLease(id, fileLock.DisposeAsync);
        }
        catch (SqliteException e)
        {
            await fileLock.DisposeAsync().ConfigureAwait(false);
            // SQLite's own message names no file: a full disk or an unwritable folder must say which destination.
            throw new IOException($"the destination sqlite:{_options.Path} cannot be opened for writing: {e.Message}", e);
        }
        catch
        {
            await fileLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var names = StreamTableNames.For(stream.Name, _options.TablePrefix);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            MigrateRawLayout(Open(), names, stream);
            using var transaction = _connection!.BeginTransaction(deferred: true);
            var tables = new SqliteTables(_connection!, transaction);
            var recorded = new SqliteBookkeeping(_connection!, transaction).ProgressOf(names.Target);
            return DestinationProgress.Of(
                tables.Exists(names.Target), recorded, tables.StagingRunId(names.Target), tables.Exists(names.Staging));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rebuilds the stream's tables of the raw layout (versions before typed columns) as typed tables, in one transaction.</summary>
    private void MigrateRawLayout(SqliteConnection connection, StreamTableNames names, StreamDefinition stream)
    {
        DropCachedInserts();
        using var transaction = connection.BeginTransaction(deferred: false);
        SqliteLayoutMigration.MigrateIfRaw(connection, transaction, names.Target, stream);
        SqliteLayoutMigration.MigrateIfRaw(connection, transaction, names.Staging, stream);
        transaction.Commit();
    }

    /// <inheritdoc />
    public async Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        ValidateBegin.Arguments(stream, mode, runId);
        var names = StreamTableNames.For(stream.Name, _options.TablePrefix);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Open();
            MigrateRawLayout(connection, names, stream);
            using var transaction = connection.BeginTransaction(deferred: false);
            var tables = new SqliteTables(connection, transaction);
            ActiveStream active;
            if (mode == WriteMode.Overwrite)
            {
                // A resumed run (same run id) keeps its staged rows, or, when its swap already happened, keeps the
                // swapped table as it is; any other run, or one whose staging table is gone, stages afresh.
                if (new SqliteBookkeeping(connection, transaction).ProgressOf(names.Target)?.SwappedRunId == runId)
                {
                    active = new ActiveStream(names, mode, runId, tables.Columns(names.Target), AlreadySwapped: true);
                }
                else
                {
                    if (tables.StagingRunId(names.Target) != runId || !tables.Exists(names.Staging))
                    {
                        tables.Drop(names.Staging);
                        tables.CreateIfMissing(names.Staging, stream);
                        tables.RecordStaging(names.Target, runId);
                    }

                    // Overwrite upserts on id, so a resumed run does not duplicate rows it wrote before it stopped.
                    tables.EnsureUniqueId(names.Staging);

                    active = new ActiveStream(names, mode, runId, tables.Prepare(names.Staging, stream));
                }
            }
            else
            {
                // An unfinished overwrite of this stream is obsolete once the stream is written another way.
                tables.Drop(names.Staging);
                tables.ForgetStaging(names.Target);
                var existed = tables.Exists(names.Target);
                active = new ActiveStream(names, mode, runId, tables.Prepare(names.Target, stream));
                if (existed) tables.EnsureCreatedAtIndex(names.Target);
                if (mode == WriteMode.AppendDedup)
                {
                    tables.EnsureUniqueId(names.Target);
                }
                else
                {
                    tables.DropUniqueId(names.Target);
                }
            }

            transaction.Commit();
            _active.Set(stream, active);
        }
        finally
        {
            _gate.Release();
        }
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
        var gated = false;
        try
        {
            // Typed before the gate, while another stream's batch is written (a stream's own batches never overlap).
            var rows = new RecordTyper(stream, columns).TypeAll(records);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            gated = true;

            var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (columns.Pending.Any())
            {
                new SqliteTables(connection, transaction).AddColumns(active.WriteTable, columns.Pending);
                DropCachedInserts();
            }

            var insert = InsertCommand(connection, active.WriteTable, columns, active.UpsertsOnId);
            var syncedAt = RecordBatches.SortableUtc(DateTimeOffset.UtcNow)!;
            for (var i = 0; i < rows.Length; i++)
            {
                // Row by row in order, so within a batch a repeated id ends with its last record.
                insert.Execute(rows[i], records[i].Utf8Json.Span, active.RunId, syncedAt);
            }

            var writes = new SqliteBookkeeping(connection, transaction).CountWrite(active.Names.Target, _account, receipt);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            columns.Commit();
            return writes;
        }
        catch
        {
            columns.Rollback();
            if (gated) DropCachedInserts();
            throw;
        }
        finally
        {
            if (gated) _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var active = _active.Get(stream);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Open();
            DropCachedInserts();
            // One transaction: readers in other connections see the old table until the commit, then the new one.
            using var transaction = connection.BeginTransaction(deferred: false);
            var swap = active is { Mode: WriteMode.Overwrite, AlreadySwapped: false };
            var tables = new SqliteTables(connection, transaction);
            if (swap)
            {
                if (!tables.Exists(active.Names.Staging))
                {
                    throw new InvalidOperationException(
                        $"The staging table of stream '{stream.Name}' is gone, so the overwrite cannot complete. The next run stages it again.");
                }

                tables.Drop(active.Names.Target);
                tables.Rename(active.Names.Staging, active.Names.Target);
            }

            if (tables.Exists(active.Names.Target)) tables.EnsureCreatedAtIndex(active.Names.Target);

            // The swapped run is recorded with the swap: it tells a resumed run that its swap is done.
            new SqliteBookkeeping(connection, transaction).RecordCompletion(
                active.Names.Target, _account, cursor, swap ? active.RunId : null);
            transaction.Commit();
            _active.Remove(stream);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DropCachedInserts();
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Who holds the lease, read without writing: a refused run leaves the file as it found it (or absent).</summary>
    private async Task<LeaseHolder?> HolderAsync()
    {
        if (!File.Exists(_options.Path)) return null;
        try
        {
            var readOnly = new SqliteConnectionStringBuilder
            {
                DataSource = System.IO.Path.GetFullPath(_options.Path), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
            }.ToString();
            await using var connection = new SqliteConnection(readOnly);
            await connection.OpenAsync().ConfigureAwait(false);
            return new SqliteBookkeeping(connection, null).LatestHolder();
        }
        catch (SqliteException)
        {
            return null; // the holder is still creating the file or its bookkeeping
        }
    }

    private SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null)
        {
            return _connection;
        }

        var fullPath = System.IO.Path.GetFullPath(_options.Path);
        var folder = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            // The page size takes effect only in a new file (before WAL is on); an existing file keeps its own.
            pragmas.CommandText =
                $"PRAGMA page_size = {PageSize}; " +
                "PRAGMA journal_mode = WAL; " +
                $"PRAGMA synchronous = {(_options.SyncEveryCommit ? "FULL" : "NORMAL")}; " +
                "PRAGMA busy_timeout = 10000; " +
                SqliteBookkeeping.CreateSql;
            pragmas.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private SqliteInsert InsertCommand(SqliteConnection connection, string table, TableColumns columns, bool upsert)
    {
        if (_inserts.TryGetValue((table, upsert), out var cached) && cached.ColumnCount == columns.Count)
        {
            return cached;
        }

        cached?.Dispose();
        var insert = SqliteInsert.Prepare(connection, table, columns, upsert);
        _inserts[(table, upsert)] = insert;
        return insert;
    }

    // Cached statements name tables by text; after DDL (staging rebuilt, tables swapped) they are prepared afresh.
    private void DropCachedInserts()
    {
        foreach (var command in _inserts.Values)
        {
            command.Dispose();
        }

        _inserts.Clear();
    }
}
