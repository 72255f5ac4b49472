using System.Globalization;
using System.Web;
using Microsoft.Data.Sqlite;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// A journal and SQLite destination written by paystack-sync 0.1 (journals keyed by account and stream, no bookkeeping
/// tables in the destination) are taken over by this version: it carries on from where 0.1 stopped.
/// The fixture (Fixtures/upgrade-from-0.1) was made by 0.1 against the sandbox with 300 records per stream (seed 42,
/// data 2023-01-01 to 2025-01-01, key sk_test_sandbox), start_date 2023-01-01, no lookback, syncing
/// customers, transactions and refunds in append mode; its run's bound, so its cursor, is 2026-11-30T16:40:36Z.
/// </summary>
public sealed class UpgradeTests(ITestOutputHelper output)
{
    private const string FixtureKey = "sk_test_sandbox";
    private const int FixtureRecords = 300;
    private static readonly DateTimeOffset FixtureCursor = new(2026, 11, 30, 16, 40, 36, TimeSpan.Zero);
    private static readonly (string Table, string Path)[] Streams = [("customers", "customer"), ("transactions", "transaction"), ("refunds", "refund")];
    /// <summary>The account of <see cref="FixtureKey"/>, as the fixture's journal keys name it.</summary>
    private const string Account = "test-f5c8bb5a44b28cfb";

    /// <summary>The fixture copied into the test's folder: it is never written in place.</summary>
    private static (string Journal, string Destination) CopyFixture(TempFiles files)
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "upgrade-from-0.1");
        var journal = Path.Combine(files.Folder, "journal.db");
        var destination = Path.Combine(files.Folder, "paystack.db");
        File.Copy(Path.Combine(fixture, "journal.db"), journal);
        File.Copy(Path.Combine(fixture, "paystack.db"), destination);
        return (journal, destination);
    }

    /// <summary>The sandbox as the fixture was made against: the same seed, counts, data range and key.</summary>
    private static Task<SandboxServer> FixtureSandboxAsync() => SandboxServer.StartAsync(new SandboxOptions
    {
        RecordsPerStream = FixtureRecords,
        TestRateLimit = 100_000,
    });

    private async Task<CliResult> SyncAsync(TempFiles files, SandboxServer sandbox, string journal, string destination, string mode)
    {
        Assert.Equal(FixtureKey, sandbox.Options.TestKey);
        var config = files.Write("config.json", $$"""
            {"secret_key": "{{FixtureKey}}", "start_date": "2023-01-01T00:00:00Z", "lookback_window_days": 0, "base_url": "{{sandbox.BaseUrl}}"}
            """);
        var result = await CliRunner.RunAsync(
            ["sync", "--config", config, "--destination", $"sqlite:{destination}", "--journal", $"sqlite:{journal}",
             "--streams", "customers,transactions,refunds", "--mode", mode, "--log-level", "information"],
            SyncKillTests.FastEngine, TimeSpan.FromSeconds(60));
        output.WriteLine($"exit {result.ExitCode}\n{result.Stderr.TrimEnd()}");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static async Task<IReadOnlyList<string>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>The fixture's tables hold exactly the sandbox's records, once: the same data the fixture was made from.</summary>
    private static async Task AssertFixtureMatchesAsync(string destination, SandboxServer sandbox)
    {
        foreach (var (table, path) in Streams)
        {
            var ids = await QueryAsync(destination, $"SELECT id FROM \"{table}\"");
            Assert.Equal(FixtureRecords, ids.Count);
            Assert.Equal(sandbox.Store.Ids(path).Order(), ids.Order());
        }
    }

    /// <summary>Records created after the fixture's cursor and before this run's bound.</summary>
    private static async Task AddRecentRecordsAsync(SandboxServer sandbox)
    {
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        createdAt = createdAt.AddTicks(-(createdAt.UtcTicks % TimeSpan.TicksPerSecond));
        Assert.True(createdAt > FixtureCursor, $"the clock ({DateTimeOffset.UtcNow:O}) is before the fixture was made");
        foreach (var (_, path) in Streams)
        {
            sandbox.Store.Add(path, createdAt);
            sandbox.Store.Add(path, createdAt.AddSeconds(30));
        }
        await RunClock.UntilReadableAsync(createdAt.AddSeconds(30));
    }

    private async Task AssertEverySourceRecordOnceAsync(string destination, SandboxServer sandbox)
    {
        foreach (var (table, path) in Streams)
        {
            var ids = await QueryAsync(destination, $"SELECT id FROM \"{table}\"");
            var expected = sandbox.Store.Ids(path);
            output.WriteLine($"{table}: {ids.Count} rows, {ids.Distinct().Count()} ids, {expected.Count} records in the sandbox");
            Assert.True(ids.Count == ids.Distinct().Count(), $"{table} holds {ids.Count - ids.Distinct().Count()} duplicate rows");
            Assert.Equal(expected.Order(), ids.Order());
        }
    }

    /// <summary>
    /// Each stream has this version's journal (keyed by account, destination id and stream) holding the progress it
    /// imported, and 0.1's journal of it (keyed by account and stream) is marked handed over.
    /// </summary>
    private static async Task AssertJournalTakenOverAsync(string journal, string destination)
    {
        var destinationId = Assert.Single(await QueryAsync(destination, "SELECT id FROM _paystack_sync_destination"));
        var keys = await SyncJournal.KeysAsync(journal);
        var handedOver = await SyncJournal.KeysAsync(journal, "progress-handed-over.v1");
        // The new key's own events, the import among them, are pruned once the run's snapshot holds them.
        foreach (var (table, _) in Streams)
        {
            Assert.Contains($"stream-{Account}-{destinationId}-{table}", keys);
            Assert.Contains($"stream-{Account}-{table}", handedOver);
        }
    }

    [Fact]
    public async Task An_append_destination_of_0_1_is_carried_on_with_no_duplicate_and_nothing_lost()
    {
        using var files = new TempFiles();
        var (journal, destination) = CopyFixture(files);
        await using var sandbox = await FixtureSandboxAsync();
        await AssertFixtureMatchesAsync(destination, sandbox);
        await AddRecentRecordsAsync(sandbox);

        var result = await SyncAsync(files, sandbox, journal, destination, "append");

        Assert.DoesNotContain("no journal accounts for", result.Stderr);
        await AssertEverySourceRecordOnceAsync(destination, sandbox);
        await AssertJournalTakenOverAsync(journal, destination);
    }

    [Fact]
    public async Task A_destination_of_0_1_synced_with_dedup_keeps_every_record_once()
    {
        using var files = new TempFiles();
        var (journal, destination) = CopyFixture(files);
        await using var sandbox = await FixtureSandboxAsync();
        await AssertFixtureMatchesAsync(destination, sandbox);
        await AddRecentRecordsAsync(sandbox);

        var result = await SyncAsync(files, sandbox, journal, destination, "append_dedup");

        Assert.DoesNotContain("no journal accounts for", result.Stderr);
        await AssertEverySourceRecordOnceAsync(destination, sandbox);
        await AssertJournalTakenOverAsync(journal, destination);
    }

    [Fact]
    public async Task The_journal_of_0_1_recovers_and_its_streams_read_only_what_came_after_its_cursor()
    {
        using var files = new TempFiles();
        var (journal, destination) = CopyFixture(files);
        await using var sandbox = await FixtureSandboxAsync();
        await AssertFixtureMatchesAsync(destination, sandbox);

        var result = await SyncAsync(files, sandbox, journal, destination, "append");

        foreach (var (_, path) in Streams)
        {
            var pages = sandbox.Requests.Entries.Where(r => r.Path == path && r.StatusCode == 200)
                .Select(r => DateTimeOffset.Parse(HttpUtility.ParseQueryString(r.QueryString)["from"]!, CultureInfo.InvariantCulture))
                .ToList();
            output.WriteLine($"{path}: {pages.Count} requests, from {(pages.Count > 0 ? pages.Min().ToString("O") : "-")}");
            Assert.NotEmpty(pages);
            Assert.True(pages.Count <= 2, $"{path} took {pages.Count} requests: its {FixtureRecords} records were read again");
            Assert.True(pages.Min() >= FixtureCursor - TimeSpan.FromSeconds(2), $"{path} was read from {pages.Min():O}, before the fixture's cursor");
        }
        await AssertEverySourceRecordOnceAsync(destination, sandbox);
        Assert.Contains("progress taken over from the journal", result.Stderr);
    }
}
