using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Demo;

public sealed class DemoCommandTests
{
    /// <summary>The demo's own query reads plain typed columns (status, amount), and its figures are the table's.</summary>
    [Fact]
    public async Task The_demo_syncs_every_stream_and_shows_sums_of_plain_columns()
    {
        using var files = new TempFiles();
        var database = Path.Combine(files.Folder, "demo.db");

        var result = await CliRunner.RunAsync(["demo", "--records", "20", "--database", database], environment: null, TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.ToString());
        // The console wraps long lines; the query is compared with its whitespace collapsed.
        Assert.Contains("SELECT status, count(*) AS transactions, sum(amount) / 100.0 AS amount FROM transactions GROUP BY status",
            Regex.Replace(result.Stdout, @"\s+", " "));
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, count(*) FROM transactions GROUP BY status ORDER BY count(*) DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Contains($"  {reader.GetString(0)} ", result.Stdout);
    }
}
