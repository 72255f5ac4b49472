using Npgsql;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The destination contract against a real PostgreSQL server, each test in its own fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgresDestinationTests : DestinationContractTests
{
    private readonly PostgresTestSchema _test = new();

    public override Task InitializeAsync() => _test.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _test.DropAsync();
    }

    protected override Task<IDestination> CreateDestinationCoreAsync() =>
        Task.FromResult<IDestination>(new PostgresDestination(new PostgresDestinationOptions(_test.ConnectionString) { Schema = _test.Name }));

    protected override async Task<IReadOnlyList<TableRow>> ReadTableAsync(string table)
    {
        // A plain connection of its own, outside the destination's pool.
        await using var connection = new NpgsqlConnection(_test.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        var qualified = SqlIdentifier.Qualify(_test.Name, table);
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("t", qualified);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return [];
        }

        await using var select = new NpgsqlCommand(
            $"SELECT id::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), record::text, _run_id " +
            $"FROM {qualified} ORDER BY _synced_at, ctid", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<TableRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new TableRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    [DestinationFact]
    public async Task The_record_is_stored_as_jsonb_beside_its_typed_columns()
    {
        await using var destination = await CreateDestinationCoreAsync();
        var stream = TestRecords.Stream("transactions");
        var record = TestRecords.Make(3, 300);
        await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, "run-1", CancellationToken.None);
        await destination.WriteAsync(stream, [record], null, CancellationToken.None);

        await using var connection = new NpgsqlConnection(_test.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT (record->>'amount')::int, created_at, amount FROM {SqlIdentifier.Qualify(_test.Name, "transactions")}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(300, reader.GetInt32(0));
        Assert.Equal(record.CreatedAt!.Value.UtcDateTime, reader.GetDateTime(1));
        Assert.Equal(300m, reader.GetDecimal(2));
    }
}
