using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// One destination a sync test writes into, with what a test does to it from outside between runs: read a table's
/// ids, drop a table, delete the whole destination, take a copy and restore it. Only touched while no sync runs.
/// A PostgreSQL destination is a schema of its own, dropped (with its copy) on dispose.
/// </summary>
public abstract class SyncDestination : IAsyncDisposable
{
    /// <summary>What <c>--destination</c> is given.</summary>
    public abstract string Spec { get; }

    /// <summary>The ids in a stream's table, one per row (so a duplicate shows twice); empty when the table is missing.</summary>
    public abstract Task<IReadOnlyList<string>> ReadIdsAsync(string table);

    /// <summary>Whether the stream's table is there.</summary>
    public abstract Task<bool> TableExistsAsync(string table);

    public abstract Task DropTableAsync(string table);

    /// <summary>Removes the destination whole: the SQLite file, or the PostgreSQL schema.</summary>
    public abstract Task DeleteAsync();

    /// <summary>Takes a copy of the destination as it is now (one copy at a time: a second replaces the first).</summary>
    public abstract Task BackUpAsync();

    /// <summary>Puts the copy taken by <see cref="BackUpAsync"/> in place of the destination.</summary>
    public abstract Task RestoreAsync();

    /// <summary>The record (its JSON as text) stored for <paramref name="id"/>; null when there is no such row.</summary>
    public async Task<string?> RecordAsync(string table, string id)
    {
        var rows = await QueryAsync($"SELECT CAST(record AS text) FROM {Qualified(table)} WHERE id = '{id}'");
        return rows.SingleOrDefault();
    }

    /// <summary>The id the destination minted for itself, or null before its first run.</summary>
    public async Task<string?> DestinationIdAsync()
    {
        var rows = await QueryAsync($"SELECT id FROM {Qualified("_paystack_sync_destination")}");
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// The rows of <paramref name="table"/>, each as its <paramref name="columns"/> in order (SQL expressions; a null
    /// as null), read as text.
    /// </summary>
    public async Task<IReadOnlyList<string?[]>> RowsAsync(string table, params string[] columns)
    {
        const string separator = "\u241f";
        var joined = string.Join($" || '{separator}' || ", columns.Select(c => $"COALESCE('=' || CAST({c} AS text), '')"));
        var rows = await QueryAsync($"SELECT {joined} FROM {Qualified(table)}");
        return rows.Select(row => row.Split(separator).Select(v => v.Length == 0 ? null : v[1..]).ToArray()).ToList();
    }

    /// <summary>The names of the table's columns.</summary>
    public abstract Task<IReadOnlyList<string>> ColumnNamesAsync(string table);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh destination of that kind; <paramref name="name"/> tells two destinations of one test apart.</summary>
    public static SyncDestination Create(string kind, string folder, string name = "sync") => kind switch
    {
        "sqlite" => new Sqlite(Path.Combine(folder, name + ".db")),
        "postgres" => new Postgres(),
        _ => throw new ArgumentException($"Unknown destination kind '{kind}'.", nameof(kind)),
    };

    protected abstract string Qualified(string table);

    /// <summary>The first column of every row; empty when a table in the query is missing.</summary>
    protected abstract Task<IReadOnlyList<string>> QueryAsync(string sql);

    protected static async Task<IReadOnlyList<string>> QueryAsync(DbConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!); // ids are numbers in typed tables
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return []; // the table is not there (yet, or any more)
        }
        return values;
    }

    private sealed class Sqlite(string path) : SyncDestination
    {
        private static readonly string[] Suffixes = ["", "-wal", "-shm"];
        private readonly string _backup = path + ".backup";

        public override string Spec => $"sqlite:{path}";

        public override async Task<IReadOnlyList<string>> ReadIdsAsync(string table) =>
            await QueryAsync($"SELECT id FROM \"{table}\"");

        public override async Task<bool> TableExistsAsync(string table) =>
            (await QueryAsync($"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'")).Count == 1;

        public override async Task DropTableAsync(string table)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TABLE \"{table}\"";
            await command.ExecuteNonQueryAsync();
        }

        public override Task DeleteAsync()
        {
            foreach (var suffix in Suffixes) File.Delete(path + suffix);
            return Task.CompletedTask;
        }

        // The file with its -wal and -shm, as a file-level backup of a database nobody has open takes it.
        public override Task BackUpAsync()
        {
            Directory.CreateDirectory(_backup);
            foreach (var file in Directory.GetFiles(_backup)) File.Delete(file);
            foreach (var suffix in Suffixes)
            {
                if (File.Exists(path + suffix)) File.Copy(path + suffix, Path.Combine(_backup, Path.GetFileName(path) + suffix));
            }
            return Task.CompletedTask;
        }

        public override async Task RestoreAsync()
        {
            if (!File.Exists(Path.Combine(_backup, Path.GetFileName(path)))) throw new InvalidOperationException("No copy was taken.");
            await DeleteAsync();
            foreach (var suffix in Suffixes)
            {
                var copy = Path.Combine(_backup, Path.GetFileName(path) + suffix);
                if (File.Exists(copy)) File.Copy(copy, path + suffix);
            }
        }

        protected override string Qualified(string table) => $"\"{table}\"";

        public override Task<IReadOnlyList<string>> ColumnNamesAsync(string table) =>
            QueryAsync($"SELECT name FROM pragma_table_info('{table}')");

        protected override async Task<IReadOnlyList<string>> QueryAsync(string sql)
        {
            if (!File.Exists(path)) return [];
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            return await QueryAsync(connection, sql);
        }
    }

    private sealed class Postgres : SyncDestination
    {
        private readonly string _server = Environment.GetEnvironmentVariable(SyncDestinations.PostgresVariable)
            ?? throw new InvalidOperationException(
                $"CI=true but {SyncDestinations.PostgresVariable} is not set: .ci/services.sh did not start PostgreSQL.");
        private readonly string _schema = "sync_" + Guid.NewGuid().ToString("N")[..12];
        private string Backup => _schema + "_backup";

        public override string Spec =>
            $"postgres:{new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString}";

        public override async Task<IReadOnlyList<string>> ReadIdsAsync(string table) =>
            await QueryAsync($"SELECT id FROM {Qualified(table)}");

        public override async Task<bool> TableExistsAsync(string table) =>
            (await QueryAsync($"SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{_schema}' AND table_name = '{table}'")).Count == 1;

        public override Task DropTableAsync(string table) => ExecuteAsync($"DROP TABLE {Qualified(table)}");

        public override Task DeleteAsync() => ExecuteAsync($"DROP SCHEMA \"{_schema}\" CASCADE");

        // Every table, the _paystack_sync_* ones included, copied into a schema of its own with its indexes.
        public override async Task BackUpAsync()
        {
            var tables = await QueryAsync(
                $"SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{_schema}' AND table_type = 'BASE TABLE'");
            if (tables.Count == 0) throw new InvalidOperationException($"Schema {_schema} has no table to copy.");
            var sql = new List<string> { $"DROP SCHEMA IF EXISTS \"{Backup}\" CASCADE", $"CREATE SCHEMA \"{Backup}\"" };
            foreach (var table in tables)
            {
                sql.Add($"CREATE TABLE \"{Backup}\".\"{table}\" (LIKE {Qualified(table)} INCLUDING ALL)");
                sql.Add($"INSERT INTO \"{Backup}\".\"{table}\" SELECT * FROM {Qualified(table)}");
            }
            await ExecuteAsync(string.Join(";\n", sql));
        }

        public override Task RestoreAsync() =>
            ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE; ALTER SCHEMA \"{Backup}\" RENAME TO \"{_schema}\"");

        public override async ValueTask DisposeAsync() =>
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE; DROP SCHEMA IF EXISTS \"{Backup}\" CASCADE");

        protected override string Qualified(string table) => $"\"{_schema}\".\"{table}\"";

        public override Task<IReadOnlyList<string>> ColumnNamesAsync(string table) =>
            QueryAsync($"SELECT column_name::text FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = '{table}'");

        protected override async Task<IReadOnlyList<string>> QueryAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            return await QueryAsync(connection, sql);
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
