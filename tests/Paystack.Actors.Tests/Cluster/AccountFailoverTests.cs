using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Paystack.Actors.Cluster;
using Paystack.Actors.Tests.Destinations.Support;
using Paystack.Sandbox;
using Xunit.Abstractions;
using static Paystack.Actors.Cluster.AccountReplies;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// Three cluster members in one process on 127.0.0.1, a journal in a fresh PostgreSQL schema, and six accounts, each
/// with a key of its own in one sandbox (its data, its rate limit, its request log) and a destination of its own
/// (<see cref="ClusterAccounts"/>): one member is lost mid-run.
/// </summary>
[RequiresPostgres]
public sealed class AccountFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 6;
    private ClusterAccounts _accounts = null!;
    private readonly List<ClusterNode> _nodes = [];

    public async Task InitializeAsync() => _accounts = await ClusterAccounts.StartAsync(Accounts, recordsPerStream: 160, output);

    [DestinationFact]
    public async Task The_accounts_of_a_lost_node_move_to_the_survivors_and_their_runs_finish_with_every_record_once()
    {
        var directory = _accounts.Directory;
        _nodes.Add(await _accounts.StartNodeAsync(seed: null));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        var first = _nodes[0];
        await ClusterAccounts.UntilAsync(async () => (await first.Region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(5))).Regions.Count == 3,
            "the shard coordinator knows every node's region");

        var owners = await AccountSharding.WakeAllAsync(first.Region, directory, TimeSpan.FromSeconds(30));
        output.WriteLine("owners: " + string.Join(", ", owners.Select(o => $"{o.Key}@{o.Value}")));
        Assert.True(owners.Values.Distinct().Count() >= 2, "the accounts live on more than one node");

        // Every account starts a run, asked through whichever node.
        var accepted = await Task.WhenAll(_accounts.Names.Select((account, i) =>
            _nodes[i % _nodes.Count].Region.Ask<object>(new AccountCommands.StartRun(account, "test"), TimeSpan.FromSeconds(10))));
        Assert.All(accepted, a => Assert.IsType<RunAccepted>(a));

        // The node that owns most accounts (not the first member, which the test talks through) is lost mid-run.
        var victim = _nodes.Skip(1).OrderByDescending(n => owners.Values.Count(o => o == n.Address)).First();
        var moved = owners.Where(o => o.Value == victim.Address).Select(o => o.Key).ToList();
        Assert.NotEmpty(moved);
        await ClusterAccounts.UntilAsync(() => moved.All(a => _accounts.Pages(a) >= 12), "the lost node's runs are under way");
        var pagesBeforeLoss = moved.ToDictionary(a => a, a => Pages(_accounts.Sandboxes[a]));

        var lost = Stopwatch.StartNew();
        await victim.Engine.System.Terminate();
        _nodes.Remove(victim);
        await ClusterAccounts.UntilAsync(() => first.Cluster.State.Members.All(m => m.Address.ToString() != victim.Address), "the lost node is downed and removed");
        output.WriteLine($"lost node removed after {lost.Elapsed.TotalSeconds:F1}s");
        // Nothing is sent to the cluster meanwhile: the remembered entities start on the survivors by themselves.
        await ClusterAccounts.UntilAsync(() => moved.All(a => Pages(_accounts.Sandboxes[a]).Count > pagesBeforeLoss[a].Count), "the moved accounts' runs resume unasked");
        output.WriteLine($"every moved run resumed {lost.Elapsed.TotalSeconds:F1}s after the loss");

        var finished = await Task.WhenAll(_accounts.Names.Select(a => _accounts.LastSucceededAsync(_nodes[0], a)));
        output.WriteLine($"every run finished {lost.Elapsed.TotalSeconds:F1}s after the loss");
        foreach (var status in finished)
        {
            Assert.NotEqual(victim.Address, status.Node);
            output.WriteLine($"{status.Account}@{status.Node}: {status.Last!.Run.Reason}, {status.Last.Records} records");
        }
        foreach (var account in moved)
        {
            var status = finished.Single(s => s.Account == account);
            Assert.StartsWith("resumed", status.Last!.Run.Reason);
            // Pages durable before the loss are not asked for again: at most those in flight or unacknowledged are.
            var before = pagesBeforeLoss[account];
            var again = Pages(_accounts.Sandboxes[account]).Skip(before.Count).Count(before.Contains);
            output.WriteLine($"{account}: {before.Count} pages before the loss, {again} of them fetched again");
            Assert.InRange(again, 0, ClusterAccounts.Streams.Length * (2 * 2 + 1));
            Assert.True(again < before.Count, $"{account}: every page read before the loss was read again");
        }

        Assert.DoesNotContain(_accounts.Runs.Entries, e => e.End == "failed");
        await _accounts.AssertEveryRecordOnceAsync();
        _accounts.AssertOneBudgetPerKey();
    }

    private static List<(string Path, string Query)> Pages(SandboxAccount sandbox) =>
        sandbox.Requests.Entries.Where(r => r.StatusCode == 200).Select(r => (r.Path, r.QueryString)).ToList();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_accounts is not null) await _accounts.DisposeAsync();
    }
}
