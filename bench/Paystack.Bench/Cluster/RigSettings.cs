namespace Paystack.Bench.Cluster;

/// <summary>What a cluster case sets up: accounts, their data and limits, the engine's settings and the cluster's timings.</summary>
/// <param name="Accounts">Accounts in the accounts file, shop-01 ...; each has its own sandbox key, data set and limit.</param>
/// <param name="RecordsPerStream">Sandbox records per stream before each account's scale (0.5-1.5).</param>
/// <param name="SandboxLimit">Requests each key may send per <paramref name="Window"/> before the sandbox answers 429.</param>
/// <param name="EngineBudget">The engine's budget per key and window (paystack-sync.rate-limits.test-requests).</param>
/// <param name="Every">Each account's schedule; runs come by trigger (cluster mode runs nothing at start).</param>
public sealed record RigSettings(
    int Accounts, int RecordsPerStream, int SandboxLimit, int EngineBudget, TimeSpan Window, TimeSpan Latency, int PageSize,
    string Every, ClusterTimings Timings, int Shards = 30)
{
    public static readonly string[] Streams = ["transactions", "customers"];
    public static readonly string[] Paths = ["transaction", "customer"];
}
