using System.Text.Json;
using System.Web;
using Paystack.Actors.Sync;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// A journal's progress belongs to the destination it was written into: one journal shared by several destinations,
/// or a destination changed behind the journal's back (deleted, a table dropped, restored from an older copy), never
/// leaves records out of a destination.
/// </summary>
public sealed class DestinationBindingTests(ITestOutputHelper output)
{
    private const int RecordsPerStream = 300;
    private static readonly (string Table, string Path)[] Streams = [("transactions", "transaction"), ("customers", "customer"), ("refunds", "refund")];

    private sealed class Setup(TempFiles files, SandboxServer sandbox, DateTimeOffset startDate) : IAsyncDisposable
    {
        public TempFiles Files => files;
        public SandboxServer Sandbox => sandbox;
        public DateTimeOffset StartDate => startDate;
        public string Journal { get; } = Path.Combine(files.Folder, "journal.db");

        public string Config { get; } = files.Write("config.json", $$"""
            {"secret_key": "{{sandbox.Options.TestKey}}", "start_date": "{{startDate:yyyy-MM-dd'T'HH:mm:ss'Z'}}",
             "lookback_window_days": 0, "base_url": "{{sandbox.BaseUrl}}"}
            """);

        public string[] Args(SyncDestination destination, string mode) =>
        [
            "sync", "--config", Config, "--destination", destination.Spec, "--journal", $"sqlite:{Journal}",
            "--streams", string.Join(',', Streams.Select(s => s.Table)), "--mode", mode,
        ];

        public async ValueTask DisposeAsync()
        {
            await sandbox.DisposeAsync();
            files.Dispose();
        }
    }

    /// <summary>A sandbox of its own account (so its journal entries are its own) with records of the last two months.</summary>
    private static async Task<Setup> StartAsync()
    {
        var files = new TempFiles();
        var now = DateTimeOffset.UtcNow;
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = RecordsPerStream,
            TestRateLimit = 100_000,
            TestKey = "sk_test_bind" + Guid.NewGuid().ToString("N")[..8],
            DataStart = now.AddDays(-60),
            DataEnd = now.AddHours(-1),
        });
        return new Setup(files, sandbox, new DateTimeOffset(now.AddDays(-90).Date, TimeSpan.Zero));
    }

    private async Task<CliResult> SyncAsync(Setup setup, SyncDestination destination, string mode = "append_dedup")
    {
        var result = await CliRunner.RunAsync(setup.Args(destination, mode), SyncKillTests.FastEngine, TimeSpan.FromSeconds(60));
        output.WriteLine($"sync into {destination.Spec.Split(':')[0]} ({mode}): exit {result.ExitCode}");
        if (result.Stderr.Length > 0) output.WriteLine(result.Stderr.TrimEnd());
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Every table holds every record of the sandbox, exactly once.</summary>
    private static async Task AssertCompleteAsync(SyncDestination destination, SandboxServer sandbox, string when)
    {
        foreach (var (table, path) in Streams)
        {
            var ids = await destination.ReadIdsAsync(table);
            var expected = sandbox.Store.Ids(path);
            Assert.True(ids.Count > 0, $"{when}: {table} is empty");
            Assert.True(ids.Count == ids.Distinct().Count(), $"{when}: {table} holds {ids.Count - ids.Distinct().Count()} duplicate rows");
            var missing = expected.Except(ids).ToList();
            Assert.True(missing.Count == 0, $"{when}: {table} lacks {missing.Count} of the sandbox's {expected.Count} records");
            Assert.Equal(expected.Order(), ids.Order());
        }
    }

    /// <summary>Adds records to every stream at a time the runs so far did not reach, and changes a few older ones.</summary>
    private static async Task<IReadOnlyList<string>> AddAndChangeRecordsAsync(SandboxServer sandbox, int perStream)
    {
        var createdAt = RunClock.AfterLastRun();
        var added = new List<string>();
        foreach (var (_, path) in Streams)
        {
            for (var i = 0; i < perStream; i++) added.Add(sandbox.Store.Add(path, createdAt));
        }
        foreach (var id in sandbox.Store.Ids("transaction").TakeLast(2)) sandbox.Store.Update("transaction", id, "status", "reversed");
        foreach (var id in sandbox.Store.Ids("refund").TakeLast(2)) sandbox.Store.Update("refund", id, "status", "failed");
        await RunClock.UntilReadableAsync(createdAt);
        return added;
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_new_destination_and_a_deleted_one_get_every_record_though_the_journal_is_shared(string kind)
    {
        await using var setup = await StartAsync();
        await using var a = SyncDestination.Create(kind, setup.Files.Folder, "a");
        await using var b = SyncDestination.Create(kind, setup.Files.Folder, "b");

        await SyncAsync(setup, a);
        await AssertCompleteAsync(a, setup.Sandbox, "A after its first run");

        await SyncAsync(setup, b);
        await AssertCompleteAsync(b, setup.Sandbox, "B, a new destination synced with A's journal");
        var firstB = await b.DestinationIdAsync();
        Assert.NotNull(firstB);
        Assert.NotEqual(await a.DestinationIdAsync(), firstB);

        await b.DeleteAsync();
        Assert.False(await b.TableExistsAsync("transactions"));
        await SyncAsync(setup, b);

        await AssertCompleteAsync(b, setup.Sandbox, "B deleted and synced again");
        var secondB = await b.DestinationIdAsync();
        Assert.NotNull(secondB);
        Assert.NotEqual(firstB, secondB);
        await AssertCompleteAsync(a, setup.Sandbox, "A, untouched");

        // Each destination has journals of its own: the account's, keyed by the destination's id.
        var keys = await SyncJournal.KeysAsync(setup.Journal);
        var account = AccountId.FromSecretKey(setup.Sandbox.Options.TestKey);
        foreach (var destinationId in new[] { await a.DestinationIdAsync(), firstB, secondB })
        {
            foreach (var (table, _) in Streams) Assert.Contains($"stream-{account}-{destinationId}-{table}", keys);
        }
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_dropped_table_is_read_again_in_full_and_the_other_streams_are_not(string kind)
    {
        await using var setup = await StartAsync();
        await using var a = SyncDestination.Create(kind, setup.Files.Folder, "a");
        var firstRunStarted = DateTimeOffset.UtcNow;
        await SyncAsync(setup, a);
        await AssertCompleteAsync(a, setup.Sandbox, "A after its first run");

        await a.DropTableAsync("refunds");
        Assert.False(await a.TableExistsAsync("refunds"));
        setup.Sandbox.Requests.Clear();
        var second = await SyncAsync(setup, a);

        await AssertCompleteAsync(a, setup.Sandbox, "A after refunds was dropped and synced again");

        var refunds = PagesServed(setup.Sandbox, "refund");
        output.WriteLine($"after the drop: refund {refunds.Count} pages from {refunds.Min(p => p.From):O}; " +
                         string.Join("; ", new[] { "transaction", "customer" }.Select(p => $"{p} {PagesServed(setup.Sandbox, p).Count} pages")));
        Assert.True(refunds.Count >= RecordsPerStream / 50, $"refunds was read in {refunds.Count} pages, not in full");
        Assert.True(refunds.Min(p => p.From) <= setup.StartDate, $"refunds was read from {refunds.Min(p => p.From):O}, not from the start date");
        foreach (var path in new[] { "transaction", "customer" })
        {
            var pages = PagesServed(setup.Sandbox, path);
            Assert.NotEmpty(pages);
            Assert.True(pages.Count <= 2, $"{path} was read in {pages.Count} pages after refunds was dropped: it should read only the new window");
            var earliest = pages.Min(p => p.From);
            Assert.True(earliest >= firstRunStarted - RunClock.SettleDelay - TimeSpan.FromSeconds(3),
                $"{path} was read from {earliest:O}, before the first run's bound (it started at {firstRunStarted:O})");
        }
        Assert.Contains("table refunds is missing", second.Stderr);
        Assert.DoesNotContain("table transactions", second.Stderr);
        Assert.DoesNotContain("table customers", second.Stderr);
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_destination_restored_from_a_copy_older_than_two_runs_is_brought_up_to_date(string kind)
    {
        await using var setup = await StartAsync();
        await using var a = SyncDestination.Create(kind, setup.Files.Folder, "a");
        await SyncAsync(setup, a);
        await a.BackUpAsync();

        var addedForSecond = await AddAndChangeRecordsAsync(setup.Sandbox, 3);
        await SyncAsync(setup, a);
        await AssertCompleteAsync(a, setup.Sandbox, "A after its second run");
        await AddAndChangeRecordsAsync(setup.Sandbox, 3);
        // A record the second run wrote, changed since: the copy lacks it, so the run after the restore reads it as it is now.
        var changed = setup.Sandbox.Store.Ids("transaction").First(addedForSecond.Contains);
        setup.Sandbox.Store.Update("transaction", changed, "status", "reversed");
        await SyncAsync(setup, a);
        await AssertCompleteAsync(a, setup.Sandbox, "A after its third run");

        await a.RestoreAsync();
        foreach (var (table, _) in Streams) Assert.Equal(RecordsPerStream, (await a.ReadIdsAsync(table)).Count);
        var fourth = await SyncAsync(setup, a);

        await AssertCompleteAsync(a, setup.Sandbox, "A restored from its copy of the first run and synced again");
        var stored = await a.RecordAsync("transactions", changed);
        Assert.NotNull(stored);
        using var record = JsonDocument.Parse(stored);
        Assert.Equal("reversed", record.RootElement.GetProperty("status").GetString());
        Assert.Contains("restored from an older copy", fourth.Stderr);
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task In_append_mode_a_restored_destination_loses_nothing(string kind)
    {
        await using var setup = await StartAsync();
        await using var a = SyncDestination.Create(kind, setup.Files.Folder, "a");
        await SyncAsync(setup, a, "append");
        await a.BackUpAsync();

        await AddAndChangeRecordsAsync(setup.Sandbox, 3);
        await SyncAsync(setup, a, "append");
        await AddAndChangeRecordsAsync(setup.Sandbox, 3);
        await SyncAsync(setup, a, "append");

        await a.RestoreAsync();
        var fourth = await SyncAsync(setup, a, "append");

        foreach (var (table, path) in Streams)
        {
            var ids = await a.ReadIdsAsync(table);
            var expected = setup.Sandbox.Store.Ids(path);
            output.WriteLine($"{table}: {ids.Count} rows for {expected.Count} records, {ids.Count - ids.Distinct().Count()} duplicates");
            var missing = expected.Except(ids).ToList();
            Assert.True(missing.Count == 0, $"{table} lacks {missing.Count} of the sandbox's {expected.Count} records");
            Assert.Empty(ids.Except(expected));
        }
        Assert.Contains("restored from an older copy", fourth.Stderr);
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_deleted_journal_carries_on_from_what_the_destination_holds_even_in_append_mode(string kind)
    {
        await using var setup = await StartAsync();
        await using var a = SyncDestination.Create(kind, setup.Files.Folder, "a");
        await SyncAsync(setup, a, "append");
        await AddAndChangeRecordsAsync(setup.Sandbox, 3);

        foreach (var file in Directory.GetFiles(setup.Files.Folder, "journal.db*")) File.Delete(file);
        setup.Sandbox.Requests.Clear();
        var second = await SyncAsync(setup, a, "append");
        Assert.Contains("a new or deleted journal", second.Stderr);

        // Nothing read twice (append mode would have repeated every row), and what was added since is there.
        foreach (var (table, path) in Streams)
        {
            var ids = await a.ReadIdsAsync(table);
            Assert.True(ids.Count == ids.Distinct().Count(), $"{table} holds {ids.Count - ids.Distinct().Count()} rows twice after the journal was deleted");
            Assert.Equal(setup.Sandbox.Store.Ids(path).Order(), ids.Order());
        }
        foreach (var (_, path) in Streams)
        {
            var pages = PagesServed(setup.Sandbox, path);
            Assert.True(pages.Count <= 2, $"{path} was read in {pages.Count} pages after the journal was deleted: it should read only what is new");
        }
    }

    private static List<(DateTimeOffset From, int Page)> PagesServed(SandboxServer sandbox, string path) =>
        sandbox.Requests.Entries
            .Where(r => r.Path == path && r.StatusCode == 200)
            .Select(r => HttpUtility.ParseQueryString(r.QueryString))
            .Select(q => (DateTimeOffset.Parse(q["from"]!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(q["page"] ?? "1", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
