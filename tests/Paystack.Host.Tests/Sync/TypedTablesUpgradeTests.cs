using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Paystack;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// A SQLite destination in the raw layout (every stream as <c>id, created_at, created_at_ts, record</c> and the sync
/// columns), written by the version before typed tables, is migrated in place by the first run of this one with
/// nothing lost. The fixture (Fixtures/typed-tables-from-raw) was made by that version's
/// <c>paystack-sync demo --records 30</c>: every stream, append_dedup, the sandbox with seed 42, 30 records per stream
/// and one settlement, key sk_test_sandbox, on 2026-11-30 at 19:45 UTC.
/// </summary>
public sealed class TypedTablesUpgradeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_of_the_raw_layout_is_migrated_by_the_first_run_with_every_row_and_its_progress_kept()
    {
        using var files = new TempFiles();
        var database = Path.Combine(files.Folder, "paystack.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "typed-tables-from-raw", "paystack.db"), database);
        var tables = StreamCatalog.All.Select(s => s.Name).ToList();
        var before = new Dictionary<string, IReadOnlyList<(string Id, string Record)>>();
        foreach (var table in tables)
        {
            before[table] = await RowsAsync(database, $"SELECT CAST(id AS TEXT), record FROM \"{table}\"");
            Assert.Contains("created_at_ts", await ColumnsAsync(database, table));
        }

        var destinationId = await ScalarAsync(database, "SELECT id FROM _paystack_sync_destination");
        var writesBefore = await ScalarAsync(database, "SELECT writes FROM _paystack_sync_progress WHERE table_name = 'transactions'");
        Assert.True(before["transactions"].Count == 30, "the fixture holds the demo's 30 transactions");

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 30,
            Records = { ["settlement"] = 1 },
            TestRateLimit = 100_000,
        });
        var config = files.Config(sandbox.Options.TestKey, "2023-01-01T00:00:00Z", sandbox.BaseUrl.ToString());
        var result = await CliRunner.RunAsync(
            ["sync", "--config", config, "--destination", $"sqlite:{database}", "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}",
             "--mode", "append_dedup", "--log-level", "information"],
            SyncKillTests.FastEngine, TimeSpan.FromSeconds(120));
        output.WriteLine($"exit {result.ExitCode}\n{result.Stderr.TrimEnd()}");
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var table in tables)
        {
            var columns = await ColumnsAsync(database, table);
            Assert.DoesNotContain("created_at_ts", columns);
            Assert.Contains("_meta", columns);
            var after = (await RowsAsync(database, $"SELECT CAST(id AS TEXT), record FROM \"{table}\""))
                .GroupBy(r => r.Id).ToDictionary(g => g.Key, g => Assert.Single(g).Record);
            foreach (var (id, record) in before[table])
            {
                Assert.True(after.TryGetValue(id, out var kept), $"{table}: row {id} was lost");
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record), JsonNode.Parse(kept)), $"{table}: row {id} changed:\n{record}\n{kept}");
            }
        }

        // The typed columns hold what the raw records say.
        Assert.Equal(
            await ScalarAsync(database, "SELECT sum(json_extract(record, '$.amount')) FROM transactions"),
            await ScalarAsync(database, "SELECT sum(amount) FROM transactions"));
        Assert.Equal("0", await ScalarAsync(database, "SELECT count(*) FROM transactions WHERE created_at IS NULL OR status IS NULL OR _meta IS NOT NULL"));
        Assert.Equal("integer", await ScalarAsync(database, "SELECT typeof(id) FROM transactions LIMIT 1"));

        // The destination is the same one, its progress carried on rather than restarted.
        Assert.Equal(destinationId, await ScalarAsync(database, "SELECT id FROM _paystack_sync_destination"));
        Assert.True(long.Parse(await ScalarAsync(database, "SELECT writes FROM _paystack_sync_progress WHERE table_name = 'transactions'"), CultureInfo.InvariantCulture)
                    >= long.Parse(writesBefore, CultureInfo.InvariantCulture));
    }

    private static async Task<IReadOnlyList<(string Id, string Record)>> RowsAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(string path, string table) =>
        (await RowsAsync(path, $"SELECT name, type FROM pragma_table_info('{table}')")).Select(r => r.Id).ToList();

    private static async Task<string> ScalarAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
