namespace Paystack.Bench.Cluster;

/// <summary>
/// The cluster's failure-detection and downing timings: <see cref="Scaled"/> as the process test runs them (a lost
/// member is downed in seconds, a joining one gets its share within seconds), <see cref="Defaults"/> as shipped
/// (hocon/paystack-sync.conf).
/// </summary>
/// <param name="Stable">How long the accounts' spread over the members must stay unchanged to count as settled: longer
/// than the shard coordinator's rebalance interval, which moves a few shards a round.</param>
public sealed record ClusterTimings(string Name, string Hocon, TimeSpan Stable)
{
    public static readonly ClusterTimings Scaled = new("scaled",
        """
        paystack-sync.cluster { stable-after = 2s, heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s }
        # Spread the accounts over members soon after they join (the default checks every 10 s).
        akka.cluster.sharding.rebalance-interval = 1s
        """, TimeSpan.FromSeconds(3));

    public static readonly ClusterTimings Defaults = new("defaults", "", TimeSpan.FromSeconds(25));

    public static ClusterTimings Parse(string name) => name switch
    {
        "scaled" => Scaled,
        "defaults" => Defaults,
        _ => throw new ArgumentException($"Cluster timings are scaled or defaults, not '{name}'."),
    };

    public string Describe() => Name == "scaled"
        ? "stable-after 2 s, heartbeat 200 ms, acceptable pause 1 s, rebalance 1 s"
        : "defaults: stable-after 20 s, heartbeat 1 s, acceptable pause 3 s, rebalance 10 s";
}
