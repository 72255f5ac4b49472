using Npgsql;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The bookkeeping and lease against a real PostgreSQL server, each test in its own fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgresBookkeepingTests : DestinationBookkeepingTests
{
    private readonly string _schema = "test_" + Guid.NewGuid().ToString("N")[..16];
    private string _connectionString = "";

    public override async Task InitializeAsync()
    {
        _connectionString = PostgresTestEnvironment.RequireConnectionString();
        await ExecuteAsync($"CREATE SCHEMA {SqlIdentifier.Quote(_schema)}");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString.Length > 0) await ExecuteAsync($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(_schema)} CASCADE");
    }

    protected override IDestination CreateDestinationCore() =>
        new PostgresDestination(new PostgresDestinationOptions(_connectionString) { Schema = _schema });

    protected override Task DropTableAsync(string table) => ExecuteAsync($"DROP TABLE {SqlIdentifier.Qualify(_schema, table)}");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
