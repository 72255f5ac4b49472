namespace Paystack.Actors.Cluster;

/// <summary>How a node joins the cluster: where it listens, whom it contacts first, and how quickly a silent member is declared dead.</summary>
/// <param name="Hostname">The address other members reach this node at (and it binds to).</param>
/// <param name="Port">The remoting port; 0 picks a free one (tests).</param>
/// <param name="SeedNodes">Members to join through, as akka.tcp://paystack-sync@host:port; the first seed starts the cluster.</param>
public sealed record ClusterOptions(string Hostname, int Port, IReadOnlyList<string> SeedNodes)
{
    /// <summary>How long the membership must be unchanged before the Split Brain Resolver downs unreachable members.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Heartbeats may be late by this much before a member is marked unreachable.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Shards of the account entities; about ten per node the cluster may grow to.</summary>
    public int NumberOfShards { get; init; } = 50;

    /// <summary>
    /// Whether ending the ActorSystem leaves the cluster first (handing its accounts over). Off only in tests that stand
    /// for a crash: the node vanishes and the others must detect and down it.
    /// </summary>
    public bool LeaveOnTerminate { get; init; } = true;
}
