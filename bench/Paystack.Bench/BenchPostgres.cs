using Npgsql;

namespace Paystack.Bench;

/// <summary>The PostgreSQL server the postgres cases write to; each run writes a schema of its own and drops it after.</summary>
public static class BenchPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PAYSTACK_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("PAYSTACK_TEST_POSTGRES") is { Length: > 0 } test ? test
        : throw new InvalidOperationException(
            "The postgres cases need a server: set PAYSTACK_BENCH_POSTGRES to an Npgsql connection string " +
            "(or source .ci/services.sh start, which sets PAYSTACK_TEST_POSTGRES).");

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema.Replace("\"", "\"\"")}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
