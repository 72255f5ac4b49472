using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Sync;

/// <summary>Rolling the secret key: with an account name in the config, progress carries over to the new key.</summary>
public sealed class KeyRollTests
{
    private static string Config(TempFiles files, string name, string key, SandboxServer sandbox, string? account) => files.Write(name, $$"""
        {"secret_key": "{{key}}", "start_date": "2023-01-01T00:00:00Z", "base_url": "{{sandbox.BaseUrl}}"{{(account is null ? "" : $", \"account\": \"{account}\"")}}}
        """);

    [Theory]
    [InlineData("acme-ng", false)]
    [InlineData(null, true)]
    public async Task A_new_key_carries_on_from_the_old_one_s_progress_when_the_account_is_named(string? account, bool readsAgainInFull)
    {
        using var files = new TempFiles();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 300,
            TestRateLimit = 100_000,
            LiveRateLimit = 100_000,
            TestKey = "sk_test_roll" + Guid.NewGuid().ToString("N")[..8],
            LiveKey = "sk_live_roll" + Guid.NewGuid().ToString("N")[..8],
        });
        var (destination, readIds) = SyncDestinations.Create("sqlite", files.Folder);
        string[] Args(string config) =>
            ["sync", "--config", config, "--destination", destination, "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}",
             "--streams", "customers"];
        var engine = new Dictionary<string, string?>(SyncKillTests.FastEngine) { ["PAYSTACK_SYNC__RATE_LIMITS__LIVE_REQUESTS"] = "100000" };

        var first = await CliRunner.RunAsync(Args(Config(files, "old.json", sandbox.Options.TestKey, sandbox, account)), engine);
        Assert.True(first.ExitCode == 0, first.Stderr);
        sandbox.Requests.Clear();

        var rolled = await CliRunner.RunAsync(Args(Config(files, "new.json", sandbox.Options.LiveKey, sandbox, account)), engine);

        Assert.True(rolled.ExitCode == 0, rolled.Stderr);
        Assert.Equal(sandbox.Store.Ids("customer").Order(), (await readIds("customers")).Order());
        var pages = sandbox.Requests.Count(status: 200);
        if (readsAgainInFull)
        {
            Assert.Contains("last written for another account", rolled.Stderr);
            Assert.True(pages > 3, $"{pages} pages after the roll");
        }
        else
        {
            Assert.Equal(1, pages); // the incremental window since the old key's cursor, and nothing else
        }
    }
}
