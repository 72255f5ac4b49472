using System.Text.Json;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Sync;

/// <summary><c>sync --json</c>: stdout is one JSON summary a program can read, and nothing else.</summary>
public sealed class SyncJsonSummaryTests
{
    [Fact]
    public async Task Sync_with_json_prints_only_the_summary_with_each_streams_counts()
    {
        using var files = new TempFiles();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 30, TestRateLimit = 100_000 });
        var config = files.Config(sandbox.Options.TestKey, "2023-01-01T00:00:00Z", sandbox.BaseUrl.ToString());

        var result = await CliRunner.RunAsync(
            ["sync", "--config", config, "--destination", $"sqlite:{Path.Combine(files.Folder, "out.db")}",
             "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}", "--streams", "transactions,customers", "--json"],
            SyncKillTests.FastEngine);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = JsonDocument.Parse(result.Stdout);
        var root = summary.RootElement;
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal(60, root.GetProperty("records").GetInt64());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("runId").GetString()));
        var streams = root.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("stream").GetString()!);
        Assert.Equal(["customers", "transactions"], streams.Keys.Order());
        Assert.All(streams.Values, s =>
        {
            Assert.Equal(30, s.GetProperty("records").GetInt64());
            Assert.True(s.GetProperty("requests").GetInt64() > 0);
            Assert.NotNull(s.GetProperty("cursor").GetString());
        });
    }
}
