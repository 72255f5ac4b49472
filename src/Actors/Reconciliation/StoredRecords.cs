using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Reconciliation;

/// <summary>
/// Reads back the records a destination holds for some ids of a stream (its <c>id</c> and <c>record</c> columns), so a
/// reconciliation can tell which records changed since they were written. Read-only, outside any lease.
/// </summary>
public abstract class StoredRecords
{
    private const int IdsPerQuery = 500;

    /// <returns>The stored JSON of each id present; ids the table lacks (or a missing table) are left out.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        StreamDefinition stream, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            await ReadChunkAsync(stream, chunk, found, cancellationToken).ConfigureAwait(false);
        }
        return found;
    }

    protected abstract Task ReadChunkAsync(StreamDefinition stream, string[] ids, Dictionary<string, string> into, CancellationToken cancellationToken);

    public static StoredRecords For(DestinationSpec spec, string tablePrefix = "") => spec.Kind switch
    {
        DestinationKind.Sqlite => new Sqlite(spec.Target, tablePrefix),
        DestinationKind.Postgres => new Postgres(spec.Target, spec.PostgresSchema() ?? "public", tablePrefix),
        _ => throw new NotSupportedException($"Reconciliation reads back SQLite and PostgreSQL destinations, not {spec}."),
    };

    private sealed class Sqlite(string path, string prefix) : StoredRecords
    {
        protected override async Task ReadChunkAsync(StreamDefinition stream, string[] ids, Dictionary<string, string> into, CancellationToken ct)
        {
            if (!File.Exists(path)) return;
            var table = StreamTableNames.For(stream.Name, prefix).Target;
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $t";
            exists.Parameters.AddWithValue("$t", table);
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is null) return;
            await using var select = connection.CreateCommand();
            var names = ids.Select((_, i) => "$i" + i).ToArray();
            select.CommandText = $"SELECT id, record FROM {SqlIdentifier.Quote(table)} WHERE id IN ({string.Join(',', names)})";
            for (var i = 0; i < ids.Length; i++) select.Parameters.AddWithValue(names[i], ids[i]);
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) into[reader.GetString(0)] = reader.GetString(1);
        }
    }

    private sealed class Postgres(string connectionString, string schema, string prefix) : StoredRecords
    {
        protected override async Task ReadChunkAsync(StreamDefinition stream, string[] ids, Dictionary<string, string> into, CancellationToken ct)
        {
            var table = StreamTableNames.For(stream.Name, prefix).Target;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection);
            exists.Parameters.AddWithValue("t", SqlIdentifier.Qualify(schema, table));
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true) return;
            await using var select = new NpgsqlCommand(
                $"SELECT id, record::text FROM {SqlIdentifier.Qualify(schema, table)} WHERE id = ANY(@ids)", connection);
            select.Parameters.AddWithValue("ids", ids);
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) into[reader.GetString(0)] = reader.GetString(1);
        }
    }
}
