using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Paystack.Actors.Cluster;
using Paystack.Actors.Tests.Destinations.Support;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// A member joining a running cluster takes over some accounts while their runs are going: the shards handed to it
/// resume their runs there, every record lands once and every key keeps one budget.
/// </summary>
[RequiresPostgres]
public sealed class AccountRebalanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 6;
    private ClusterAccounts _accounts = null!;
    private readonly List<ClusterNode> _nodes = [];

    public async Task InitializeAsync() => _accounts = await ClusterAccounts.StartAsync(Accounts, recordsPerStream: 200, output);

    [DestinationFact]
    public async Task A_fourth_node_joining_mid_run_takes_over_shards_and_every_account_syncs_once_within_its_budget()
    {
        // Four or more shards on three members put at least two on one of them, two more than the newcomer holds: the
        // allocation strategy then moves one to it.
        var extractor = new AccountMessageExtractor(ClusterNode.NumberOfShards);
        var shards = _accounts.Names.Select(a => extractor.ShardId(a, new AccountCommands.WakeUp(a))).Distinct().Count();
        Assert.True(shards >= 4, $"the accounts lie in {shards} shards");

        _nodes.Add(await _accounts.StartNodeAsync(seed: null));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        var first = _nodes[0];
        await ClusterAccounts.UntilAsync(async () => (await first.Region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(5))).Regions.Count == 3,
            "the shard coordinator knows every node's region");
        var owners = await AccountSharding.WakeAllAsync(first.Region, _accounts.Directory, TimeSpan.FromSeconds(30));
        output.WriteLine("owners: " + string.Join(", ", owners.Select(o => $"{o.Key}@{o.Value}")));

        await _accounts.StartRunsAsync(first, "test");
        await ClusterAccounts.UntilAsync(() => _accounts.Names.All(a => _accounts.Pages(a) >= 4), "every account's run is under way");

        var joined = Stopwatch.StartNew();
        var fourth = await _accounts.StartNodeAsync(_nodes[1]);
        _nodes.Add(fourth);
        output.WriteLine($"the fourth node is up after {joined.Elapsed.TotalSeconds:F1}s");
        // Nothing is sent to the cluster meanwhile: the coordinator moves shards to the new member by itself.
        await ClusterAccounts.UntilAsync(async () =>
        {
            var statuses = await Task.WhenAll(_accounts.Names.Select(a => ClusterAccounts.StatusAsync(first, a)));
            return statuses.Any(s => s?.Node == fourth.Address);
        }, "some account lives on the fourth node");
        output.WriteLine($"the first account moved to the fourth node {joined.Elapsed.TotalSeconds:F1}s after it started joining");

        var finished = await Task.WhenAll(_accounts.Names.Select(a => _accounts.LastSucceededAsync(first, a)));
        output.WriteLine($"every run finished {joined.Elapsed.TotalSeconds:F1}s after the fourth node started joining");
        foreach (var status in finished) output.WriteLine($"{status.Account}@{status.Node}: {status.Last?.Run.Reason ?? "(its last run ended on an earlier owner)"}, {status.Last?.Records} records");
        var onFourth = finished.Where(s => s.Node == fourth.Address).ToList();
        Assert.NotEmpty(onFourth);
        // At least one account was handed over with its run going, and that run was finished by the new owner.
        Assert.Contains(onFourth, s => s.Last!.Run.Reason.StartsWith(AccountEntity.Resumed, StringComparison.Ordinal));
        Assert.DoesNotContain(_accounts.Runs.Entries, e => e.End == "failed");

        await _accounts.AssertEveryRecordOnceAsync();
        _accounts.AssertOneBudgetPerKey();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_accounts is not null) await _accounts.DisposeAsync();
    }
}
