using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Host.Tests.Sync;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// A fresh journal of each kind for <c>serve --journal</c>: the spec, and a count of the events ever persisted in it (the
/// sum of each stream's highest sequence number: housekeeping deletes events, never a stream's highest number).
/// </summary>
internal static class ServeJournals
{
    public static async Task<(string Spec, Func<Task<long>> CountEvents)> CreateAsync(string kind, string folder)
    {
        if (kind == "sqlite")
        {
            var path = Path.Combine(folder, "journals", "serve-journal.db");
            return ($"sqlite:{path}", async () =>
            {
                if (!File.Exists(path)) return 0;
                await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                return await CountAsync(connection, EventsPersisted("journal"));
            });
        }

        var server = Environment.GetEnvironmentVariable(SyncDestinations.PostgresVariable)
                     ?? throw new InvalidOperationException($"CI=true but {SyncDestinations.PostgresVariable} is not set: .ci/services.sh did not start PostgreSQL.");
        // A schema of its own: the journal's tables are created in the first schema of the search path.
        var schema = "journal_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        return ($"postgres:{connectionString}", async () =>
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            return await CountAsync(connection, EventsPersisted($"\"{schema}\".journal"));
        });
    }

    private static string EventsPersisted(string journal) =>
        $"SELECT coalesce(sum(highest), 0) FROM (SELECT max(sequence_number) AS highest FROM {journal} GROUP BY persistence_id) AS streams";

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return 0; // the table is not there yet
        }
    }
}
