using Akka.Actor;
using Akka.Configuration;
using Paystack.Actors.Cluster;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Paystack;
using Paystack.Actors.Runs;
using AkkaCluster = Akka.Cluster.Cluster;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// One cluster member in the test process: an engine on 127.0.0.1 with a free port, the PostgreSQL journal of the test's
/// schema and the account entities' shard region. Timings are scaled down so that a lost member is downed in seconds.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private static readonly Config TestTimings = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.cluster.sharding.retry-interval = 500ms
        akka.cluster.sharding.updating-state-timeout = 3s
        akka.cluster.sharding.coordinator-failure-backoff = 1s
        akka.cluster.sharding.shard-start-timeout = 3s
        akka.cluster.sharding.rebalance-interval = 1s
        akka.cluster.singleton.hand-over-retry-interval = 500ms
        akka.remote.retry-gate-closed-for = 1s
        """);

    /// <summary>Shards of the test cluster's account entities.</summary>
    public const int NumberOfShards = 12;

    private readonly EngineHost _host;

    private ClusterNode(EngineHost host, IActorRef region)
    {
        _host = host;
        Region = region;
    }

    public SyncEngine Engine => _host.Engine;
    public IActorRef Region { get; }
    public AkkaCluster Cluster => AkkaCluster.Get(Engine.System);
    public string Address => Cluster.SelfAddress.ToString();

    /// <summary>Starts a member that joins <paramref name="seed"/> (itself when null) and returns once it is Up.</summary>
    /// <param name="watchers">Each account's watcher of its runs on this node; none when null.</param>
    /// <param name="firstRunAtStart">A scheduled account that has never run runs at once (serve's default).</param>
    public static async Task<ClusterNode> StartAsync(
        SyncSettings settings, string journalConnectionString, IAccountDirectory directory, ClusterNode? seed,
        Func<string, IRunWatcher>? watchers = null, bool firstRunAtStart = false)
    {
        var options = new ClusterOptions("127.0.0.1", 0, [])
        {
            StableAfter = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(1),
            NumberOfShards = NumberOfShards,
            LeaveOnTerminate = false, // ending a node's system stands for a crash: the others must notice and down it
        };
        var host = await EngineHost.StartAsync(new EngineSystemOptions(
            settings with { Persistence = new PersistenceSettings("postgresql", journalConnectionString) },
            (client, gate) => new PaystackClient(client, gate))
        {
            SystemName = ClusterConfig.SystemName,
            Overrides = TestTimings.WithFallback(ClusterConfig.For(options)),
        });
        var engine = host.Engine;
        var cluster = AkkaCluster.Get(engine.System);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await cluster.JoinAsync(seed?.Cluster.SelfAddress ?? cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var region = await AccountSharding.StartAsync(new AccountEntityServices(engine, directory) { Watchers = watchers is null ? null : (name, _) => watchers(name), FirstRunAtStart = firstRunAtStart }, options.NumberOfShards);
        return new ClusterNode(host, region);
    }

    /// <summary>
    /// Leaves the cluster on purpose, as a stopping host does: CoordinatedShutdown hands this node's shards over, leaves,
    /// and ends the ActorSystem. Returns once it has ended.
    /// </summary>
    public async Task LeaveAsync()
    {
        await CoordinatedShutdown.Get(Engine.System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await Engine.System.WhenTerminated;
    }

    /// <summary>Ends the member as a crash would (its system terminated without leaving), then frees its host.</summary>
    public async ValueTask DisposeAsync()
    {
        await Engine.System.Terminate();
        await _host.DisposeAsync();
    }
}
