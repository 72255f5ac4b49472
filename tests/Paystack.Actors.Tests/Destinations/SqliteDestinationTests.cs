using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Destinations.Tables;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The destination contract against a real SQLite file in a temp folder.</summary>
public sealed class SqliteDestinationTests : DestinationContractTests
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("sync.db");

    protected override Task<IDestination> CreateDestinationCoreAsync() =>
        Task.FromResult<IDestination>(new SqliteDestination(new SqliteDestinationOptions(DatabasePath)));

    protected override async Task<IReadOnlyList<TableRow>> ReadTableAsync(string table)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
        exists.Parameters.AddWithValue("$t", table);
        if ((long)(await exists.ExecuteScalarAsync())! == 0)
        {
            return [];
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT CAST(id AS TEXT), created_at, record, _run_id FROM {SqlIdentifier.Quote(table)} ORDER BY rowid";
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<TableRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new TableRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_file_runs_in_wal_mode_and_the_folder_is_created()
    {
        var path = Path.Combine(_folder.Path, "nested", "deeper", "paystack.db");
        await using (var destination = new SqliteDestination(new SqliteDestinationOptions(path) { TablePrefix = "paystack_" }))
        {
            var stream = TestRecords.Stream("customers");
            await destination.BeginStreamAsync(stream, WriteMode.Append, "run-1", CancellationToken.None);
            await destination.WriteAsync(stream, [TestRecords.Make(1)], null, CancellationToken.None);
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT count(*) FROM paystack_customers";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}
