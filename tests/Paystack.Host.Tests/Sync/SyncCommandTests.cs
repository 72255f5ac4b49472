using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Sync;

public sealed class SyncCommandTests
{
    private static async Task<SandboxServer> RecentSandboxAsync() => await SandboxServer.StartAsync(new SandboxOptions
    {
        RecordsPerStream = 120,
        TestRateLimit = 100_000,
        TestKey = "sk_test_modes" + Guid.NewGuid().ToString("N")[..8],
        DataStart = DateTimeOffset.UtcNow.AddDays(-40),
        DataEnd = DateTimeOffset.UtcNow.AddHours(-1),
    });

    private static string[] Args(TempFiles files, SandboxServer sandbox, string destination, string mode, int lookbackDays = 0)
    {
        var config = files.Write("config.json", $$"""
            {"secret_key": "{{sandbox.Options.TestKey}}", "start_date": "{{DateTimeOffset.UtcNow.AddDays(-60):yyyy-MM-dd}}T00:00:00Z",
             "lookback_window_days": {{lookbackDays}}, "base_url": "{{sandbox.BaseUrl}}"}
            """);
        return ["sync", "--config", config, "--destination", destination, "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}",
            "--streams", "transactions,invoices", "--mode", mode];
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task Dedupe_leaves_exactly_one_row_per_id_after_lookback_rereads(string kind)
    {
        using var files = new TempFiles();
        await using var sandbox = await RecentSandboxAsync();
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var args = Args(files, sandbox, destination, "append_dedup", lookbackDays: 30);

        var first = await CliRunner.RunAsync(args, SyncKillTests.FastEngine);
        sandbox.Store.Update("transaction", sandbox.Store.Ids("transaction")[0], "status", "reversed");
        var second = await CliRunner.RunAsync(args, SyncKillTests.FastEngine);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        foreach (var (table, path) in new[] { ("transactions", "transaction"), ("invoices", "paymentrequest") })
        {
            var ids = await readIds(table);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(sandbox.Store.Ids(path).Order(), ids.Order());
        }
        Assert.Contains("transactions", second.Stdout); // the summary table
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task Overwrite_leaves_exactly_the_current_set(string kind)
    {
        using var files = new TempFiles();
        await using var sandbox = await RecentSandboxAsync();
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var args = Args(files, sandbox, destination, "overwrite");

        Assert.Equal(0, (await CliRunner.RunAsync(args, SyncKillTests.FastEngine)).ExitCode);
        sandbox.Store.Add("transaction", DateTimeOffset.UtcNow.AddDays(-2));
        var second = await CliRunner.RunAsync(args, SyncKillTests.FastEngine);

        Assert.True(second.ExitCode == 0, second.Stderr);
        var ids = await readIds("transactions");
        Assert.Equal(sandbox.Store.Ids("transaction").Order(), ids.Order());
    }

    [Fact]
    public async Task Append_adds_every_record_read_as_a_new_row()
    {
        using var files = new TempFiles();
        await using var sandbox = await RecentSandboxAsync();
        var (destination, readIds) = SyncDestinations.Create("sqlite", files.Folder);
        var args = Args(files, sandbox, destination, "append").Append("--full-refresh").ToArray();

        await CliRunner.RunAsync(args, SyncKillTests.FastEngine);
        await CliRunner.RunAsync(args, SyncKillTests.FastEngine);

        var ids = await readIds("transactions");
        Assert.Equal(2 * sandbox.Store.Ids("transaction").Count, ids.Count);
        Assert.Equal(sandbox.Store.Ids("transaction").Order(), ids.Distinct().Order());
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "a missing config file", ["--config", "/nonexistent/config.json"], "config" },
        { "an unknown stream", ["--streams", "transactions,payouts"], "payouts" },
        { "an unknown mode", ["--mode", "upsert"], "--mode" },
        { "an unknown destination", ["--destination", "mysql:foo"], "mysql" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_named_and_exits_with_2(string _, string[] change, string named)
    {
        using var files = new TempFiles();
        var config = files.Config("sk_test_badinput", "2024-01-01T00:00:00Z", "http://127.0.0.1:9/");
        var args = new List<string> { "sync", "--config", config, "--destination", $"sqlite:{Path.Combine(files.Folder, "x.db")}" };
        for (var i = 0; i < change.Length; i += 2)
        {
            var at = args.IndexOf(change[i]);
            if (at >= 0) args[at + 1] = change[i + 1];
            else args.AddRange([change[i], change[i + 1]]);
        }

        var result = await CliRunner.RunAsync(args.ToArray());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
        Assert.DoesNotContain("sk_test_badinput", result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr); // a message, not a stack trace
    }

    [Fact]
    public async Task An_invalid_tuning_value_stops_start_up_naming_the_key()
    {
        using var files = new TempFiles();
        var config = files.Config("sk_test_badinput", "2024-01-01T00:00:00Z", "http://127.0.0.1:9/");
        var environment = new Dictionary<string, string?> { ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = "0" };

        var result = await CliRunner.RunAsync(["sync", "--config", config, "--destination", $"sqlite:{Path.Combine(files.Folder, "x.db")}"], environment);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("paystack-sync.engine.page-size", result.Stderr);
    }

    [Fact]
    public async Task A_rejected_key_fails_the_streams_with_a_clear_message_and_exit_1()
    {
        using var files = new TempFiles();
        await using var sandbox = await RecentSandboxAsync();
        var config = files.Config("sk_test_notthekey", "2024-01-01T00:00:00Z", sandbox.BaseUrl.ToString());

        var result = await CliRunner.RunAsync(
            ["sync", "--config", config, "--destination", $"sqlite:{Path.Combine(files.Folder, "x.db")}", "--streams", "customers"],
            SyncKillTests.FastEngine);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("secret key was rejected (401)", result.Stdout + result.Stderr);
        Assert.DoesNotContain("sk_test_notthekey", result.Stdout + result.Stderr);
    }
}
