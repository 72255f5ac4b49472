using System.Net;
using Paystack.Host.Tests.Serve;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Cluster;

/// <summary>
/// serve --cluster as processes: a fourth member joining three takes accounts over, then every member in turn is
/// stopped with SIGTERM and a replacement started on its ports while runs are going; every record lands once, no key
/// goes over its budget in any rolling window, and none is refused with 429.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ClusterRollingRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 6;
    private static readonly string[] Streams = ["transactions", "customers"];
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The sandbox's limit per key in each 2 s: the most two members sending for one key at once (2 x Budget) still
    /// break. Every member's engine budgets less, as an operator would configure it.
    /// </summary>
    private const int Limit = 2 * Budget - 1;
    private const int Budget = 6;

    private ClusterProcesses? _cluster;

    [SkippableFact]
    public async Task A_fourth_node_takes_accounts_over_and_a_rolling_restart_of_every_node_with_runs_in_flight_loses_nothing()
    {
        var server = ClusterProcesses.RequirePostgres();
        var cluster = _cluster = await ClusterProcesses.StartAsync(output, server,
            new SandboxOptions { RecordsPerStream = 300, GeneratedAccounts = Accounts, TestRateLimit = Limit, RateLimitWindow = Window },
            "paystack-cluster-rolling-");
        cluster.WriteHocon(Budget, Window,
            "settle-delay = 0s, window-length = 180d, page-size = 10, fetchers-per-stream = 1, stream-restart-min-backoff = 100ms, stream-restart-max-backoff = 500ms");
        var names = Enumerable.Range(1, Accounts).Select(n => $"shop-{n:D2}").ToList();
        cluster.WriteAccounts(Enumerable.Range(1, Accounts).Select(n =>
            cluster.Entry(names[n - 1], SandboxOptions.GeneratedAccountKey(n), $"sqlite:{names[n - 1]}.db", Streams)));

        cluster.AddNodes(4);
        for (var i = 0; i < 3; i++) cluster.Start(i);
        await cluster.UntilAsync(() => cluster.MembersAsync(cluster.Nodes[0].Client),
            m => m.All.Count(x => x.Status == "Up") == 3 && m.All.Sum(x => x.Accounts.Count) == Accounts,
            "three members up owning every account");
        await TriggerAllAsync(cluster, names);
        cluster.Log("three members up, every account's run triggered");

        // A fourth member joins while the runs go: the coordinator moves shards to it.
        var joinAt = cluster.Seconds;
        cluster.Start(3);
        var fourth = cluster.Nodes[3];
        await cluster.UntilAsync(() => cluster.MembersAsync(cluster.Nodes[0].Client),
            m => m.All.Count(x => x.Status == "Up") == 4, "the fourth member up");
        var upAt = cluster.Seconds;
        var joined = await cluster.UntilAsync(() => cluster.MembersAsync(cluster.Nodes[0].Client),
            m => m.All.SingleOrDefault(x => fourth.Is(x.Address))?.Accounts.Count > 0, "an account moved to the fourth member");
        var moved = joined.All.Single(x => fourth.Is(x.Address)).Accounts;
        cluster.Log($"fourth member up {upAt - joinAt:F1}s after its start, owning {string.Join(",", moved)} {cluster.Seconds - upAt:F1}s later");
        await cluster.UntilAsync(() => cluster.AccountsAsync(fourth.Client),
            l => moved.All(a => l.Accounts.Single(x => x.Name == a) is { CurrentRun: not null } or { LastRun: not null }),
            "the moved accounts run (or ran) on the fourth member");

        // Every member in turn: SIGTERM (it leaves, handing its accounts over), removal, a replacement on its ports, Up.
        var handedOverRunning = new List<string>();
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var node = cluster.Nodes[i];
            var other = cluster.Nodes[(i + 1) % cluster.Nodes.Count];
            await TriggerAllAsync(cluster, names, via: other);
            var before = await cluster.AccountsAsync(other.Client);
            var running = before.Accounts.Where(a => node.Is(a.Node) && a.CurrentRun is not null).Select(a => a.Name).ToList();
            handedOverRunning.AddRange(running);
            var stopAt = cluster.Seconds;
            node.Expected = true;
            Assert.Equal(0, await node.Process!.TerminateAsync(TimeSpan.FromSeconds(40)));
            var exitedAt = cluster.Seconds;
            await cluster.UntilAsync(() => cluster.MembersAsync(other.Client),
                m => m.All.Count == 3 && m.All.All(x => x.Status == "Up" && !node.Is(x.Address)), $"member {i} removed");
            var handedAt = cluster.Seconds;
            cluster.Start(i, seed: other.Index);
            await cluster.UntilAsync(() => cluster.MembersAsync(other.Client),
                m => m.All.Count(x => x.Status == "Up") == 4, $"member {i}'s replacement up");
            cluster.Log($"member {i} (running {string.Join(",", running)}): exited {exitedAt - stopAt:F1}s after SIGTERM, removed {handedAt - exitedAt:F1}s later, "
                        + $"its replacement up {cluster.Seconds - handedAt:F1}s after its start");
        }

        // No final trigger: the runs handed over must have finished by themselves. (An account's status names only
        // its present owner's runs, so one that moved after its run finished shows no last run.)
        var done = await cluster.UntilAsync(async () => (List: await cluster.AccountsAsync(cluster.Nodes[0].Client), Landed: names.All(Landed)),
            r => r.Landed && r.List.Accounts.All(a => a.CurrentRun is null && a.LastRun?.State is null or "succeeded"),
            "every account's runs finished with every record at its destination", seconds: 60);
        cluster.Log($"every run finished; owners now {string.Join("; ", done.List.Accounts.Select(a => $"{a.Name}@{a.Node}"))}");
        Assert.NotEmpty(handedOverRunning);

        foreach (var name in names)
        {
            var account = cluster.SandboxOf(int.Parse(name[5..], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var stream in Streams)
            {
                var rows = cluster.SqliteIds($"{name}.db", stream);
                Assert.True(rows.Count == rows.Distinct().Count(), $"{name}.{stream}: an id twice");
                Assert.Equal(ClusterProcesses.ExpectedIds(account, stream).Order(), rows.Order());
            }
            var budget = account.CheckBudget();
            var busiest = budget.BusiestWindowEnd is { } end
                ? string.Join(" ", account.Requests.Entries.Where(r => r.Timestamp > end - Window && r.Timestamp <= end).Select(r => $"{r.Timestamp:HH:mm:ss.fff}"))
                : "";
            output.WriteLine($"{name}: {budget.Requests} requests, busiest {Window.TotalSeconds:0}s window {budget.Busiest}/{budget.Limit} (engine budget {Budget}): {busiest}");
            Assert.True(budget.Busiest <= Limit, $"{name}: {budget.Busiest} requests in one window, over the key's {Limit}");
            Assert.DoesNotContain(account.Requests.Entries, r => r.StatusCode == 429);
        }
        foreach (var process in cluster.Nodes.SelectMany(n => n.Generations)) Assert.DoesNotContain("sk_test_account", process.Stderr);
    }

    /// <summary>Whether the account's destination holds its sandbox set of every stream (no table yet: not).</summary>
    private bool Landed(string name)
    {
        var account = _cluster!.SandboxOf(int.Parse(name[5..], System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            return Streams.All(stream => ClusterProcesses.ExpectedIds(account, stream).Order().SequenceEqual(_cluster.SqliteIds($"{name}.db", stream).Order()));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    /// <summary>Starts a run of every account that has none going (409 for those that have one).</summary>
    private static async Task TriggerAllAsync(ClusterProcesses cluster, IEnumerable<string> names, ClusterNode? via = null)
    {
        foreach (var name in names)
        {
            var status = await cluster.TriggerAsync((via ?? cluster.Nodes[0]).Client, name);
            Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{name}: {status}");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
