using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Actors.Paystack;
using Paystack.Host.Serve.Cluster;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Serve;
using Paystack.Host.Tests.Sync;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Cluster;

/// <summary>
/// serve --cluster as separate processes on 127.0.0.1 sharing one accounts file and one PostgreSQL journal, against a
/// sandbox serving every account its own key, data set, rate limit and request log.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ClusterServeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 6;
    private const int Nodes = 3;
    private static readonly string[] Streams = ["transactions", "customers"];
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>The sandbox's limit per key in each 2 s; every node's engine budgets less, as an operator would configure it.</summary>
    private const int Limit = 16;
    private const int Budget = 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-cluster-").FullName;
    private ClusterProcesses? _cluster;

    [Fact]
    public async Task A_sqlite_journal_is_refused_in_cluster_mode_with_exit_2()
    {
        var accounts = Path.Combine(_folder, "accounts.json");
        await File.WriteAllTextAsync(accounts, """{ "accounts": [] }""");
        var result = await CliRunner.RunAsync(
            ["serve", "--cluster", "--accounts", accounts, "--every", "1h", "--journal", $"sqlite:{Path.Combine(_folder, "journal.db")}"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cluster mode keeps journal, snapshots and sharding state in PostgreSQL: set paystack-sync.persistence", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);

        var badSeed = await CliRunner.RunAsync(
            ["serve", "--cluster", "--accounts", accounts, "--every", "1h", "--journal", "postgres:Host=127.0.0.1;Username=x;Database=x", "--seed-node", "node-without-port"]);
        Assert.True(badSeed.ExitCode == 2, badSeed.ToString());
        Assert.Contains("--seed-node 'node-without-port' is not host:port", badSeed.Stderr);

        var withoutCluster = await CliRunner.RunAsync(["serve", "--accounts", accounts, "--every", "1h", "--cluster-port", "4100"]);
        Assert.True(withoutCluster.ExitCode == 2, withoutCluster.ToString());
        Assert.Contains("--cluster-port only apply with --cluster", withoutCluster.Stderr);
    }

    [SkippableFact]
    public async Task Three_nodes_share_the_accounts_a_killed_nodes_accounts_finish_on_the_survivors_once_within_budget_and_a_leaving_node_hands_over()
    {
        var server = ClusterProcesses.RequirePostgres();
        _cluster = await ClusterProcesses.StartAsync(output, server, new SandboxOptions
        {
            RecordsPerStream = 160, GeneratedAccounts = Accounts, TestRateLimit = Limit, RateLimitWindow = Window,
        }, "paystack-cluster-");
        var names = Enumerable.Range(1, Accounts).Select(n => $"shop-{n:D2}").ToList();
        WriteAccounts(names);
        _cluster.WriteHocon(Budget, Window,
            "settle-delay = 0s, window-length = 180d, page-size = 10, fetchers-per-stream = 1, stream-restart-min-backoff = 100ms, stream-restart-max-backoff = 500ms");

        _cluster.AddNodes(Nodes);
        for (var i = 0; i < Nodes; i++) _cluster.Start(i);
        var clusterPorts = _cluster.Nodes.Select(n => n.ClusterPort).ToList();
        var adminPorts = _cluster.Nodes.Select(n => n.AdminPort).ToList();
        var clients = _cluster.Nodes.Select(n => n.Client).ToList();
        var clock = Stopwatch.StartNew();

        // Every member up, every account owned by one of them, and no shard moving any more: a member lost in the middle
        // of a hand-over holds its shards until sharding's handoff-timeout (docs/scale-out.md, "Known gaps").
        var members = await _cluster.UntilSpreadSettledAsync(clients[0], Nodes, Accounts);
        Assert.True(members.All.Count(x => x.Accounts.Count > 0) >= 2, "the accounts are spread over more than one member");
        // Up, with the journal reachable and every entry served: every member is ready.
        foreach (var client in clients)
        {
            using var ready = await client.GetAsync("healthz/ready");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s cluster up: {string.Join("; ", members.All.Select(m => $"{m.Address}: {string.Join(",", m.Accounts)}"))}");

        // Runs are started through any node: the region brings the command to the owner.
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            Assert.Equal(HttpStatusCode.Accepted, await _cluster.TriggerAsync(clients[i % Nodes], name));
        }

        // The member with the most accounts (not the first seed) dies while its runs are under way.
        var victimIndex = Enumerable.Range(1, Nodes - 1).OrderByDescending(i => members.All.Single(m => m.Address.EndsWith($":{clusterPorts[i]}")).Accounts.Count).First();
        var victim = members.All.Single(m => m.Address.EndsWith($":{clusterPorts[victimIndex]}"));
        var moved = victim.Accounts;
        await _cluster.UntilAsync(() => Task.FromResult(moved.All(a => SandboxOf(a).Requests.Entries.Count(r => r.StatusCode == 200) >= 2)),
            going => going, "the victim's runs are under way");
        var beforeLoss = moved.ToDictionary(a => a, a => SandboxOf(a).Requests.Entries.Count(r => r.StatusCode == 200));
        // Another member shows the run's streams and the key's limiter as the owner sees them.
        var remote = await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.Status>(clients[0], $"admin/status?account={moved[0]}"),
            st => st.Streams.Sum(x => x.Records) > 0 && st.CurrentRun is { Records: > 0 } && st.RateLimiter is { Granted: > 0 },
            "another member shows the run's records, streams and limiter",
            describe: st => JsonSerializer.Serialize(st));
        Assert.Equal(victim.Address, remote.Node);
        Assert.Equal("running", remote.CurrentRun!.State);
        Assert.Equal(Streams.Order(), remote.Streams.Select(x => x.Name).Order());
        _cluster.Nodes[victimIndex].Expected = true;
        await _cluster.Nodes[victimIndex].Process!.KillAsync();
        var killedAt = clock.Elapsed;
        output.WriteLine($"{killedAt.TotalSeconds:F1}s killed {victim.Address} owning {string.Join(",", moved)}; pages then: {string.Join(",", beforeLoss.Values)}");

        var survivor = clients[0];
        var resumed = await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(survivor, "admin/accounts"),
            l => moved.All(a => l.Accounts.Single(x => x.Name == a) is { Node: { } node } x && node != victim.Address
                                && (x.CurrentRun ?? x.LastRun)?.Reason.StartsWith("resumed", StringComparison.Ordinal) == true),
            "the victim's accounts run again on the survivors");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s ({(clock.Elapsed - killedAt).TotalSeconds:F1}s after the kill) every moved account runs again");
        var done = await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(survivor, "admin/accounts"),
            l => l.Accounts.All(a => a.CurrentRun is null && a.LastRun?.State == "succeeded"), "every account's run finished");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s every run finished");

        foreach (var account in done.Accounts)
        {
            Assert.NotEqual(victim.Address, account.Node);
            if (moved.Contains(account.Name)) Assert.StartsWith("resumed", account.LastRun!.Reason);
            var sandbox = SandboxOf(account.Name);
            foreach (var stream in Streams)
            {
                var rows = Ids(account.Name, stream);
                Assert.Equal(rows.Count, rows.Distinct().Count());
                var expected = sandbox.Store.Ids(StreamCatalog.Get(stream).Path, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(-1));
                Assert.Equal(expected.Order(), rows.Order());
            }
            var budget = sandbox.CheckBudget();
            output.WriteLine($"{account.Name}@{account.Node}: {account.LastRun!.Reason}, {account.LastRun.Records} records; {budget.Requests} requests, busiest {Window.TotalSeconds:0}s window {budget.Busiest}/{budget.Limit}");
            Assert.True(budget.Busiest <= budget.Limit, $"{account.Name}: {budget.Busiest} requests in one window, over the key's {budget.Limit}");
            Assert.DoesNotContain(sandbox.Requests.Entries, r => r.StatusCode == 429);
        }

        // A changed account: the member that owns it starts its entity again with the new settings.
        var changed = names.First(n => !moved.Contains(n));
        var owner = clients[clusterPorts.FindIndex(p => done.Accounts.Single(a => a.Name == changed).Node!.EndsWith($":{p}", StringComparison.Ordinal))];
        WriteAccounts(names, changed, [.. Streams, "refunds"]);
        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<JsonElement>(owner, "admin/logs"),
            logs => logs.GetProperty("lines").EnumerateArray().Any(l => l.GetString()!.Contains($"Account {changed} changed", StringComparison.Ordinal)),
            "the owner restarted the changed account");
        var changedAt = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, await _cluster.TriggerAsync(survivor, changed));
        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(survivor, "admin/accounts"),
            l => l.Accounts.Single(a => a.Name == changed) is { CurrentRun: null, LastRun: { State: "succeeded" } last } && last.StartedAt >= changedAt.AddSeconds(-1),
            "the changed account's run finished with its new settings");
        Assert.Equal(
            SandboxOf(changed).Store.Ids(StreamCatalog.Get("refunds").Path, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(-1)).Order(),
            Ids(changed, "refunds").Order());
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s {changed} changed and synced its new stream");

        var environment = new Dictionary<string, string?>
        {
            ["PAYSTACK_SYNC_ADMIN_URL"] = $"http://127.0.0.1:{adminPorts[0]}", ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token,
        };

        // The other survivor leaves on request: it hands its accounts to the first member and exits 0.
        var leaving = Enumerable.Range(1, Nodes - 1).Single(i => i != victimIndex);
        _cluster.Nodes[leaving].Expected = true;
        var leave = await CliRunner.RunAsync(["cluster", "leave", $"127.0.0.1:{clusterPorts[leaving]}"], environment);
        Assert.True(leave.ExitCode == 0, leave.ToString());
        var leftAt = clock.Elapsed;
        Assert.Equal(0, await _cluster.Nodes[leaving].Process!.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var first = members.All.Single(m => m.Address.EndsWith($":{clusterPorts[0]}", StringComparison.Ordinal)).Address;
        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(survivor, "admin/accounts"),
            l => l.Accounts.All(a => a.Node == first), "every account lives on the remaining member");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s ({(clock.Elapsed - leftAt).TotalSeconds:F1}s after the leave) every account lives on {first}");

        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.Members>(survivor, "admin/cluster"), m => m.All.Count == 1, "the left member removed");

        // The status verb lists the cluster's accounts; the cluster verb its members, the lost and the left one gone.
        var cluster = await CliRunner.RunAsync(["cluster"], environment);
        Assert.True(cluster.ExitCode == 0, cluster.ToString());
        Assert.Contains($":{clusterPorts[0]}", cluster.Stdout);
        Assert.DoesNotContain($":{clusterPorts[victimIndex]}", cluster.Stdout);
        Assert.DoesNotContain($":{clusterPorts[leaving]}", cluster.Stdout);
        var status = await CliRunner.RunAsync(["status"], environment);
        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var name in names) Assert.Contains(name, status.Stdout);
        var one = await CliRunner.RunAsync(["status", "--account", moved[0]], environment);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains(moved[0], one.Stdout);
        Assert.Contains("every 1h", one.Stdout);
        var again = await CliRunner.RunAsync(["trigger", "--account", moved[0]], environment);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"Run of account {moved[0]} started on", again.Stdout);
        foreach (var node in _cluster.Nodes.Select(n => n.Process!).Where(n => !n.HasExited)) Assert.DoesNotContain("sk_test_account", node.Stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }

    [SkippableFact]
    public async Task A_new_account_s_first_run_starts_at_once_without_a_trigger()
    {
        var names = new[] { "shop-01", "shop-02" };
        var client = await StartOneMemberAsync(names, runAtStart: true);

        // Scheduled every hour, never triggered: each account's first run starts as the member takes it.
        var ran = await _cluster!.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(client, "admin/accounts"),
            l => l.Accounts.Count == names.Length && l.Accounts.All(a => a.LastRun is { State: "succeeded" }), "every account has run once");
        foreach (var account in ran.Accounts)
        {
            Assert.Equal("schedule", account.LastRun!.Reason);
            var expected = SandboxOf(account.Name).Store.Ids(StreamCatalog.Get("customers").Path, ClusterProcesses.StartDate, DateTimeOffset.UtcNow.AddMinutes(-1));
            Assert.Equal(expected.Order(), Ids(account.Name, "customers").Order());
        }
    }

    [SkippableFact]
    public async Task A_run_that_makes_no_progress_turns_its_member_s_readiness_red_naming_the_account_then_green_once_it_moves()
    {
        var client = await StartOneMemberAsync(["shop-01"], engine: "stall-timeout = 1s, stream-max-restarts = 100");

        // Paystack that never answers in time: no page lands, so the run's streams make no progress past the stall-timeout.
        _cluster!.Sandbox.Faults.Latency = TimeSpan.FromHours(1);
        Assert.Equal(HttpStatusCode.Accepted, await _cluster.TriggerAsync(client, "shop-01"));
        var red = await _cluster.UntilAsync(() => ReadinessAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable,
            "the member's readiness turns red", describe: r => $"{(int)r.Status} {r.Body}");
        Assert.Contains("account shop-01: stream ", red.Body);
        Assert.Contains("has made no progress", red.Body);
        Assert.Contains("engine.stall-timeout is 1s", red.Body);

        _cluster.Sandbox.Faults.Latency = TimeSpan.Zero;
        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(client, "admin/accounts"),
            l => l.Accounts.Single().LastRun is { State: "succeeded" }, "the run succeeds", seconds: 90);
        var green = await ReadinessAsync(client);
        Assert.True(green.Status == HttpStatusCode.OK, green.Body);
    }

    [SkippableFact]
    public async Task A_key_paused_beyond_max_pause_turns_its_member_s_readiness_red_naming_the_account()
    {
        // Three requests a day: the fourth is answered 429 with a Retry-After of about a day, far beyond max-pause.
        var client = await StartOneMemberAsync(["shop-01"], sandbox: s =>
        {
            s.RecordsPerStream = 200;
            s.TestRateLimit = 3;
            s.RateLimitWindow = TimeSpan.FromDays(1);
        }, rateLimits: "max-pause = 1m");

        Assert.Equal(HttpStatusCode.Accepted, await _cluster!.TriggerAsync(client, "shop-01"));
        var red = await _cluster.UntilAsync(() => ReadinessAsync(client), r => r.Status == HttpStatusCode.ServiceUnavailable,
            "the member's readiness turns red", describe: r => $"{(int)r.Status} {r.Body}");

        Assert.Contains("account shop-01: Paystack paused the key for longer than max-pause", red.Body);
    }

    [SkippableFact]
    public async Task An_entry_that_turns_invalid_keeps_its_account_running_on_its_last_valid_settings()
    {
        var client = await StartOneMemberAsync(["shop-01"]);

        // The entry's key now comes from a variable that is not set: the file is refused for it.
        var broken = _cluster!.Entry("shop-01", SandboxOptions.GeneratedAccountKey(1), "sqlite:shop-01.db", Streams);
        broken.Remove("secret_key_file");
        broken["secret_key_env"] = "PAYSTACK_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        _cluster.WriteAccounts([broken]);
        var kept = await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(client, "admin/accounts"),
            l => l.Accounts.Single().Problem?.Contains("keeps its last valid settings", StringComparison.Ordinal) == true,
            "the account is reported on its last valid settings", describe: l => JsonSerializer.Serialize(l));
        var account = kept.Accounts.Single();
        Assert.NotEqual("invalid", account.State);
        Assert.NotNull(account.Node);
        Assert.Contains("is not set", account.Problem);

        // It still runs, with the key it had.
        Assert.Equal(HttpStatusCode.Accepted, await _cluster.TriggerAsync(client, "shop-01"));
        await _cluster.UntilAsync(() => ClusterProcesses.GetAsync<ClusterModels.AccountList>(client, "admin/accounts"),
            l => l.Accounts.Single().LastRun is { State: "succeeded" }, "its run succeeds");
        var expected = SandboxOf("shop-01").Store.Ids(StreamCatalog.Get("customers").Path, ClusterProcesses.StartDate, DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(expected.Order(), Ids("shop-01", "customers").Order());
    }

    /// <summary>
    /// One member serving <paramref name="names"/> (the sandbox's generated accounts, 20 records a stream, the test's
    /// limit unless <paramref name="sandbox"/> changes them), every hour; its admin client once it owns them all.
    /// </summary>
    /// <param name="engine">Engine settings beyond small pages and windows.</param>
    private async Task<HttpClient> StartOneMemberAsync(
        string[] names, Action<SandboxOptions>? sandbox = null, string engine = "", string rateLimits = "", bool runAtStart = false)
    {
        var server = ClusterProcesses.RequirePostgres();
        var options = new SandboxOptions { RecordsPerStream = 20, GeneratedAccounts = names.Length, TestRateLimit = Limit, RateLimitWindow = Window };
        sandbox?.Invoke(options);
        _cluster = await ClusterProcesses.StartAsync(output, server, options, "paystack-cluster-one-");
        WriteAccounts(names);
        _cluster.WriteHocon(Budget, Window, "settle-delay = 0s, window-length = 180d, page-size = 10" + (engine.Length > 0 ? ", " + engine : ""), rateLimits);
        _cluster.AddNodes(1);
        _cluster.Start(0, runAtStart: runAtStart);
        var client = _cluster.Nodes[0].Client;
        await _cluster.UntilSpreadSettledAsync(client, 1, names.Length);
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("healthz/ready");
        return (ready.StatusCode, await ready.Content.ReadAsStringAsync());
    }

    private SandboxAccount SandboxOf(string account) => _cluster!.SandboxOf(int.Parse(account[5..], CultureInfo.InvariantCulture));

    /// <param name="changed">An account given <paramref name="changedStreams"/> instead of the test's streams.</param>
    private void WriteAccounts(IEnumerable<string> names, string? changed = null, string[]? changedStreams = null) =>
        _cluster!.WriteAccounts(names.Select(name => _cluster.Entry(
            name, SandboxOptions.GeneratedAccountKey(int.Parse(name[5..], CultureInfo.InvariantCulture)), $"sqlite:{name}.db",
            name == changed ? changedStreams! : Streams)));

    private List<string> Ids(string account, string stream) => _cluster!.SqliteIds($"{account}.db", stream);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held; the temp folder is cleaned later
        }
    }
}
