using System.Diagnostics;
using Akka.Actor;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Cluster;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Tests.Destinations.Support;
using Paystack.Actors.Tests.Sync;
using Paystack.Sandbox;
using Xunit.Abstractions;
using static Paystack.Actors.Cluster.AccountReplies;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// An account's schedule and its unfinished run live in its entity's journal: they survive the node, and only a stop
/// on purpose ends them.
/// </summary>
[RequiresPostgres]
public sealed class AccountScheduleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Account = "scheduled-shop";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly PostgresTestSchema _schema = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-cluster-").FullName;
    private readonly List<ClusterNode> _nodes = [];
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync()
    {
        await _schema.CreateAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 40, TestRateLimit = 100_000 });
    }

    [DestinationFact]
    public async Task A_scheduled_account_runs_again_by_itself_after_its_only_node_is_lost_and_another_starts()
    {
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = Definition() });
        var journal = $"{_schema.ConnectionString};Search Path={_schema.Name}";
        var first = await StartNodeAsync(directory, journal);
        await first.Region.Ask<Awake>(new AccountCommands.WakeUp(Account), TimeSpan.FromSeconds(30));
        var ran = await UntilScheduledRunAsync(first);
        Assert.Equal(first.Address, ran.Node);

        await first.Engine.System.Terminate(); // lost without leaving: nothing hands the account over
        _nodes.Remove(first);
        var requestsBefore = _sandbox.Requests.Entries.Count;

        var second = await StartNodeAsync(directory, journal);
        // Nothing is sent to the new node: the remembered entity starts and its schedule fires on its own.
        var restarted = Stopwatch.StartNew();
        await UntilAsync(() => Task.FromResult(_sandbox.Requests.Entries.Count > requestsBefore), "the account runs unasked on the new node");
        output.WriteLine($"the account ran again {restarted.Elapsed.TotalSeconds:F1}s after the new node started");
        var again = await UntilScheduledRunAsync(second);
        Assert.Equal(second.Address, again.Node);
    }

    [DestinationFact]
    public async Task A_run_stopped_on_purpose_is_cancelled_and_not_resumed_when_the_account_comes_back()
    {
        _sandbox.Faults.Latency = TimeSpan.FromMilliseconds(200);
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = Definition() with { NextRunAfter = null } });
        var node = await StartNodeAsync(directory, $"{_schema.ConnectionString};Search Path={_schema.Name}");
        await node.Region.Ask<RunAccepted>(new AccountCommands.StartRun(Account, "admin trigger"), TimeSpan.FromSeconds(30));
        await UntilAsync(() => Task.FromResult(_sandbox.Requests.Entries.Count > 0), "the run is under way");

        var stopped = await node.Region.Ask<RunsStopped>(new AccountCommands.StopRuns(Account), TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", stopped.Cancelled?.End);

        // The next command starts the entity again (passivated, so not remembered): its journal leaves nothing to resume.
        var status = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(30));
        Assert.Null(status.Current);
        Assert.Null(status.NextScheduledRun);
    }

    [DestinationFact]
    public async Task A_handed_over_entity_stops_only_once_its_run_has_ended_and_leaves_the_run_to_resume()
    {
        _sandbox.Faults.Latency = TimeSpan.FromMilliseconds(200);
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = Definition() with { NextRunAfter = null } });
        var node = await StartNodeAsync(directory, $"{_schema.ConnectionString};Search Path={_schema.Name}");
        await node.Region.Ask<RunAccepted>(new AccountCommands.StartRun(Account, "admin trigger"), TimeSpan.FromSeconds(30));
        await UntilAsync(() => Task.FromResult(_sandbox.Requests.Entries.Count > 0), "the run is under way");

        await HandOverAsync(node);

        // None of the run's requests or journal writes can follow the entity (and its RateLimiter) onto the next owner.
        Assert.Empty(node.Engine.Actors.RunningJobs);
        // The shard starts the entity again (until it has seen the old one stop, an ask may reach the old one and go unanswered).
        StatusReport? status = null;
        await UntilAsync(async () =>
        {
            try { status = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(3)); }
            catch (AskTimeoutException) { return false; }
            return status.Current is not null;
        }, "the entity is back with a run");
        Assert.StartsWith(AccountEntity.Resumed + "admin trigger", status!.Current!.Reason);
    }

    [DestinationFact]
    public async Task The_last_run_is_shown_by_the_entity_that_takes_the_account_over_before_it_has_run_anything()
    {
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = Definition() with { NextRunAfter = null } });
        var node = await StartNodeAsync(directory, $"{_schema.ConnectionString};Search Path={_schema.Name}");
        await node.Region.Ask<RunAccepted>(new AccountCommands.StartRun(Account, "admin trigger"), TimeSpan.FromSeconds(30));
        StatusReport? ran = null;
        await UntilAsync(async () =>
        {
            ran = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(10));
            return ran.Last is { End: "succeeded" };
        }, "the run succeeds");

        // The shard moves: the entity that takes over starts with a new runner, which has run nothing.
        await HandOverAsync(node);
        var status = await StatusOnceBackAsync(node);

        Assert.Null(status!.Current);
        Assert.Equal(ran!.Last, status.Last);
        Assert.Equal(40, status.Last!.Records);
        Assert.Equal("admin trigger", status.Last.Run.Reason);
        Assert.NotNull(status.Last.Run.RunId);
    }

    [DestinationFact]
    public async Task With_run_at_start_a_new_account_runs_at_once_and_after_a_move_keeps_its_schedule()
    {
        var hourly = Definition() with { NextRunAfter = after => after + TimeSpan.FromHours(1) };
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = hourly });
        var node = await StartNodeAsync(directory, $"{_schema.ConnectionString};Search Path={_schema.Name}", firstRunAtStart: true);

        // Nothing asks it to run: an account that has never run has its first run due as its entity starts.
        await node.Region.Ask<Awake>(new AccountCommands.WakeUp(Account), TimeSpan.FromSeconds(30));
        var ran = await UntilScheduledRunAsync(node);
        var began = ran.Last!.Run.StartedAt;
        AssertAbout(began + TimeSpan.FromHours(1), ran.NextScheduledRun);

        // The entity that takes the account over has run before: the next run stays an hour after the first began.
        await HandOverAsync(node);
        var status = await StatusOnceBackAsync(node);
        Assert.Null(status.Current);
        AssertAbout(began + TimeSpan.FromHours(1), status.NextScheduledRun);
    }

    [DestinationFact]
    public async Task Without_run_at_start_a_new_account_waits_for_its_schedule_s_first_time()
    {
        var hourly = Definition() with { NextRunAfter = after => after + TimeSpan.FromHours(1) };
        var directory = new StaticAccountDirectory(new Dictionary<string, AccountDefinition> { [Account] = hourly });
        var node = await StartNodeAsync(directory, $"{_schema.ConnectionString};Search Path={_schema.Name}", firstRunAtStart: false);

        var woken = DateTimeOffset.UtcNow;
        await node.Region.Ask<Awake>(new AccountCommands.WakeUp(Account), TimeSpan.FromSeconds(30));
        var status = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(30));

        Assert.Null(status.Current);
        Assert.Null(status.Last);
        Assert.InRange(status.NextScheduledRun!.Value, woken + TimeSpan.FromHours(1), DateTimeOffset.UtcNow + TimeSpan.FromHours(1));
        Assert.Empty(_sandbox.Requests.Entries);
    }

    /// <summary>Sends the account's entity what sharding sends when its shard moves to another member, and waits until it has stopped.</summary>
    private static async Task HandOverAsync(ClusterNode node)
    {
        var entity = await node.Engine.System.ActorSelection($"/system/sharding/{AccountSharding.TypeName}/*/{Account}").ResolveOne(TimeSpan.FromSeconds(10));
        var stopped = entity.WatchAsync();
        entity.Tell(AccountEntity.HandOff.Instance);
        await stopped.WaitAsync(Patience);
    }

    /// <summary>The status from the entity the shard starts again (until it has seen the old one stop, an ask may go unanswered).</summary>
    private static async Task<StatusReport> StatusOnceBackAsync(ClusterNode node)
    {
        StatusReport? status = null;
        await UntilAsync(async () =>
        {
            try { status = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(3)); }
            catch (AskTimeoutException) { return false; }
            return true;
        }, "the entity is back");
        return status!;
    }

    /// <summary>Due times go through the journal and the clock: equal within a second.</summary>
    private static void AssertAbout(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
    }

    private async Task<ClusterNode> StartNodeAsync(IAccountDirectory directory, string journal, bool firstRunAtStart = false)
    {
        var node = await ClusterNode.StartAsync(
            TestSettings.Create(pageSize: 20, requestsPerPeriod: 1_000), journal, directory, seed: null, firstRunAtStart: firstRunAtStart);
        _nodes.Add(node);
        return node;
    }

    private AccountDefinition Definition() => new(
        new SyncRequest(
            new SourceConfig(_sandbox.Options.TestKey, EngineHarness.StartDate, BaseUrl: _sandbox.BaseUrl, Account: Account),
            DestinationSpec.Parse($"sqlite:{Path.Combine(_folder, "scheduled.db")}"),
            [StreamCatalog.Get("customers")],
            SyncMode.Incremental,
            WriteMode.AppendDedup),
        NextRunAfter: after => after + Every);

    private static async Task<StatusReport> UntilScheduledRunAsync(ClusterNode node)
    {
        StatusReport? status = null;
        await UntilAsync(async () =>
        {
            status = await node.Region.Ask<StatusReport>(new AccountCommands.GetStatus(Account), TimeSpan.FromSeconds(10));
            return status.Last is { End: "succeeded", Run.Reason: "schedule" };
        }, "a scheduled run succeeds");
        Assert.NotNull(status!.NextScheduledRun);
        return status;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _schema.DropAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
