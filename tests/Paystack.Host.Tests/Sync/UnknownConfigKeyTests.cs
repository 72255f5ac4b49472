using Microsoft.Data.Sqlite;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Sync;

/// <summary>A key no field reads (a typo, most likely) is one warning line naming the key meant; the run goes on.</summary>
public sealed class UnknownConfigKeyTests : IAsyncLifetime, IDisposable
{
    private const string Warning =
        "has an unknown key, ignored: lookback_window_day (did you mean lookback_window_days?). " +
        "Known keys: secret_key, start_date, lookback_window_days, base_url, account.";

    private readonly TempFiles _files = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions
    {
        RecordsPerStream = 30,
        TestRateLimit = 100_000,
        DataStart = DateTimeOffset.UtcNow.AddDays(-30),
        DataEnd = DateTimeOffset.UtcNow.AddHours(-1),
    });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private string TypoConfig() => _files.Write("config.json", $$"""
        {"secret_key": "{{_sandbox.Options.TestKey}}", "start_date": "{{DateTimeOffset.UtcNow.AddDays(-40):yyyy-MM-dd}}T00:00:00Z",
         "lookback_window_day": 7, "base_url": "{{_sandbox.BaseUrl}}"}
        """);

    [Fact]
    public async Task Sync_warns_in_one_line_and_syncs()
    {
        var destination = Path.Combine(_files.Folder, "out.db");

        var result = await CliRunner.RunAsync(
            ["sync", "--config", TypoConfig(), "--destination", $"sqlite:{destination}",
                "--journal", $"sqlite:{Path.Combine(_files.Folder, "journal.db")}", "--streams", "customers"],
            SyncKillTests.FastEngine);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"paystack-sync sync: warning: Config file '{Path.Combine(_files.Folder, "config.json")}' {Warning}", line);
        using var connection = new SqliteConnection($"Data Source={destination};Pooling=false");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM customers";
        Assert.Equal(30L, count.ExecuteScalar());
    }

    [Fact]
    public async Task Check_warns_in_one_log_message_and_succeeds()
    {
        var result = await CliRunner.RunAsync("check", "--config", TypoConfig());

        Assert.Equal(0, result.ExitCode);
        var status = result.Single("CONNECTION_STATUS").GetProperty("connectionStatus").GetProperty("status").GetString();
        Assert.True(status == "SUCCEEDED", result.ToString());
        Assert.EndsWith(Warning, SingleWarning(result));
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Discover_warns_in_one_log_message_and_prints_the_catalog()
    {
        var result = await CliRunner.RunAsync("discover", "--config", TypoConfig());

        Assert.Equal(0, result.ExitCode);
        result.Single("CATALOG");
        Assert.EndsWith(Warning, SingleWarning(result));
        Assert.Empty(result.Stderr);
    }

    /// <summary>The Airbyte verbs log as LOG messages on stdout: the one at WARN level.</summary>
    private static string SingleWarning(CliResult result) =>
        Assert.Single(result.OfType("LOG").Select(m => m.GetProperty("log")), l => l.GetProperty("level").GetString() == "WARN")
            .GetProperty("message").GetString()!;
}
