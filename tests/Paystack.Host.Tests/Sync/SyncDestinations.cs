using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// The databases a sync test writes into: a SQLite file always, and the PostgreSQL server CI starts
/// (PAYSTACK_TEST_POSTGRES). In CI a missing server is a failure, not a silent skip.
/// </summary>
public static class SyncDestinations
{
    public const string PostgresVariable = "PAYSTACK_TEST_POSTGRES";

    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string> { "sqlite" };
        if (Available("postgres"))
            kinds.Add("postgres");
        return kinds;
    }

    /// <summary>Whether tests of this destination kind run here: SQLite always, PostgreSQL with a server or in CI.</summary>
    public static bool Available(string kind) =>
        kind == "sqlite" || Environment.GetEnvironmentVariable(PostgresVariable) is not null || Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>A fresh destination of that kind: the CLI spec and a reader of a stream's ids.</summary>
    public static (string Spec, Func<string, Task<IReadOnlyList<string>>> ReadIds) Create(string kind, string folder)
    {
        if (kind == "sqlite")
        {
            var path = Path.Combine(folder, "sync.db");
            return ($"sqlite:{path}", async table =>
            {
                if (!File.Exists(path)) return [];
                await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                return await ReadIdsAsync(connection, $"SELECT id FROM \"{table}\"");
            });
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable)
                     ?? throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: .ci/services.sh did not start PostgreSQL.");
        var schema = "sync_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        return ($"postgres:{connectionString}", async table =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return await ReadIdsAsync(connection, $"SELECT id FROM \"{schema}\".\"{table}\"");
        });
    }

    private static async Task<IReadOnlyList<string>> ReadIdsAsync(System.Data.Common.DbConnection connection, string sql)
    {
        var ids = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!); // ids are numbers in typed tables
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return []; // the table is not there yet
        }
        return ids;
    }
}
