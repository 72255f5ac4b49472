using Npgsql;
using Paystack.Actors.Destinations.Tables;

namespace Paystack.Actors.Tests.Destinations.Support;

/// <summary>A fresh schema on the test server for one test, dropped with everything in it afterwards.</summary>
public sealed class PostgresTestSchema
{
    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The server's connection string; empty until <see cref="CreateAsync"/>.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task CreateAsync()
    {
        ConnectionString = PostgresTestEnvironment.RequireConnectionString();
        await ExecuteAsync($"CREATE SCHEMA {SqlIdentifier.Quote(Name)}");
    }

    public async Task DropAsync()
    {
        if (ConnectionString.Length > 0) await ExecuteAsync($"DROP SCHEMA IF EXISTS {SqlIdentifier.Quote(Name)} CASCADE");
    }

    /// <summary>Runs a statement on a connection of its own, outside any destination's pool.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
