using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Paystack.Actors.Cluster;
using Paystack.Actors.Tests.Destinations.Support;
using Xunit.Abstractions;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// Every member of a three-node cluster, one at a time, leaves on purpose (CoordinatedShutdown, as a stopping host)
/// while runs are going, and a replacement joins: the leaving member hands its accounts over, their runs resume on the
/// new owners, and at the end every record has landed once and every key kept one budget.
/// </summary>
[RequiresPostgres]
public sealed class RollingRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Accounts = 6;
    private ClusterAccounts _accounts = null!;
    private readonly List<ClusterNode> _nodes = [];

    public async Task InitializeAsync() => _accounts = await ClusterAccounts.StartAsync(Accounts, recordsPerStream: 120, output);

    [DestinationFact]
    public async Task Each_node_in_turn_leaves_mid_run_and_is_replaced_without_losing_or_doubling_a_record()
    {
        _nodes.Add(await _accounts.StartNodeAsync(seed: null));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        _nodes.Add(await _accounts.StartNodeAsync(_nodes[0]));
        await UntilRegionsAsync(_nodes[0], 3);
        await AccountSharding.WakeAllAsync(_nodes[0].Region, _accounts.Directory, TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        var resumedOnNewOwner = 0;
        foreach (var leaving in _nodes.ToList())
        {
            var stays = _nodes.First(n => n != leaving);
            await _accounts.StartRunsAsync(stays, $"before {leaving.Address} leaves");
            // Counted before the status is asked: a run that ends between the two is still seen to end.
            var logged = _accounts.Runs.Entries.Count;
            var going = (await Task.WhenAll(_accounts.Names.Select(a => ClusterAccounts.StatusAsync(stays, a))))
                .Where(s => s is { Current: not null } && s.Node == leaving.Address).Select(s => s!.Account).ToList();

            await leaving.LeaveAsync();
            _nodes.Remove(leaving);
            await ClusterAccounts.UntilAsync(() => stays.Cluster.State.Members.All(m => m.Address.ToString() != leaving.Address),
                "the leaving node is removed");
            // A run handed over unfinished resumes on its new owner; one may have ended just before the hand-off.
            await ClusterAccounts.UntilAsync(() => going.All(a => _accounts.Runs.Of(a, logged).Any(e => e.End is null || e.End == "succeeded")),
                () => "the handed-over runs resume: " + string.Join(" | ", going.Select(a => $"{a}: {_accounts.Runs.Describe(a)}")));
            var resumed = going.Where(a => _accounts.Runs.Of(a, logged).Any(e => e.End is null && e.Reason.StartsWith(AccountEntity.Resumed, StringComparison.Ordinal))).ToList();
            resumedOnNewOwner += resumed.Count;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {leaving.Address} left with runs going for {string.Join(", ", going)}; resumed: {string.Join(", ", resumed)}");

            var replacement = await _accounts.StartNodeAsync(stays);
            _nodes.Add(replacement);
            await UntilRegionsAsync(stays, 3);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: {replacement.Address} joined");
        }
        Assert.True(resumedOnNewOwner > 0, "no run was handed over unfinished");

        var finished = await Task.WhenAll(_accounts.Names.Select(a => _accounts.LastSucceededAsync(_nodes[0], a)));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s: every run finished");
        foreach (var status in finished) output.WriteLine($"{status.Account}@{status.Node}: {status.Last?.Run.Reason ?? "(its last run ended on an earlier owner)"}, {status.Last?.Records} records");
        Assert.DoesNotContain(_accounts.Runs.Entries, e => e.End == "failed");

        await _accounts.AssertEveryRecordOnceAsync();
        _accounts.AssertOneBudgetPerKey();
    }

    /// <summary>Waits until the shard coordinator (which moves too when the oldest member leaves) knows <paramref name="count"/> regions.</summary>
    private static Task UntilRegionsAsync(ClusterNode via, int count) =>
        ClusterAccounts.UntilAsync(async () =>
        {
            try
            {
                return (await via.Region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(5))).Regions.Count == count;
            }
            catch (AskTimeoutException)
            {
                return false;
            }
        }, $"the shard coordinator knows {count} regions");

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_accounts is not null) await _accounts.DisposeAsync();
    }
}
