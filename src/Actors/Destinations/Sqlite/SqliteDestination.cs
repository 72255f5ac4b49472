using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Sqlite;

/// <summary>
/// Writes streams into one SQLite file, one table per stream. The file runs in WAL mode so readers in other
/// connections are never blocked and never see a half-written batch. One connection does all the writing (SQLite has
/// one writer anyway); calls are serialised, each batch is one transaction of reused parameterised statements.
/// </summary>
public sealed class SqliteDestination : IDestination
{
    private readonly SqliteDestinationOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ActiveStreams _active = new();
    private readonly Dictionary<(string Table, bool Upsert), SqliteCommand> _inserts = new();
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
            using var transaction = Open().BeginTransaction(deferred: true);
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

    /// <inheritdoc />
    public async Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        ValidateBegin.Arguments(stream, mode, runId);
        var active = new ActiveStream(StreamTableNames.For(stream.Name, _options.TablePrefix), mode, runId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Open();
            DropCachedInserts();
            using var transaction = connection.BeginTransaction(deferred: false);
            var tables = new SqliteTables(connection, transaction);
            var names = active.Names;
            if (mode == WriteMode.Overwrite)
            {
                // A resumed run (same run id) keeps its staged rows, or, when its swap already happened, keeps the
                // swapped table as it is; any other run, or one whose staging table is gone, stages afresh.
                if (new SqliteBookkeeping(connection, transaction).ProgressOf(names.Target)?.SwappedRunId == runId)
                {
                    active = active with { AlreadySwapped = true };
                }
                else if (tables.StagingRunId(names.Target) != runId || !tables.Exists(names.Staging))
                {
                    tables.Drop(names.Staging);
                    tables.CreateIfMissing(names.Staging);
                    tables.EnsureUniqueId(names.Staging);
                    tables.RecordStaging(names.Target, runId);
                }
            }
            else
            {
                // An unfinished overwrite of this stream is obsolete once the stream is written another way.
                tables.Drop(names.Staging);
                tables.ForgetStaging(names.Target);
                tables.CreateIfMissing(names.Target);
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
    public async Task<long> WriteAsync(
        StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var active = _active.Get(stream);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var insert = InsertCommand(connection, active.WriteTable, active.UpsertsOnId);
            insert.Transaction = transaction;
            var p = insert.Parameters;
            p["$run"].Value = active.RunId;
            p["$at"].Value = RecordBatches.SortableUtc(DateTimeOffset.UtcNow);
            foreach (var record in records)
            {
                // Row by row in order, so within a batch a repeated id ends with its last record.
                p["$id"].Value = record.Id;
                p["$c"].Value = (object?)record.CursorValue ?? DBNull.Value;
                p["$ts"].Value = (object?)RecordBatches.SortableUtc(record.CreatedAt) ?? DBNull.Value;
                p["$r"].Value = record.Json;
                insert.ExecuteNonQuery();
            }

            var writes = new SqliteBookkeeping(connection, transaction).CountWrite(active.Names.Target, _account, receipt);
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return writes;
        }
        finally
        {
            _gate.Release();
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
            if (swap)
            {
                var tables = new SqliteTables(connection, transaction);
                if (!tables.Exists(active.Names.Staging))
                {
                    throw new InvalidOperationException(
                        $"The staging table of stream '{stream.Name}' is gone, so the overwrite cannot complete. The next run stages it again.");
                }

                tables.Drop(active.Names.Target);
                tables.Rename(active.Names.Staging, active.Names.Target);
            }

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
            pragmas.CommandText =
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

    private SqliteCommand InsertCommand(SqliteConnection connection, string table, bool upsert)
    {
        if (_inserts.TryGetValue((table, upsert), out var cached))
        {
            return cached;
        }

        var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO {SqlIdentifier.Quote(table)} ({SqliteTables.Columns}) VALUES ($id, $c, $ts, $r, $run, $at)" +
            (upsert
                ? " ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, created_at_ts = excluded.created_at_ts, " +
                  "record = excluded.record, _run_id = excluded._run_id, _synced_at = excluded._synced_at"
                : "");
        foreach (var name in new[] { "$id", "$c", "$ts", "$r", "$run", "$at" })
        {
            command.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        }

        _inserts[(table, upsert)] = command;
        return command;
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
