namespace Paystack.Bench;

/// <summary>The benchmark's scenarios, each a list of cases run one per child process.</summary>
public static class Scenarios
{
    public static readonly IReadOnlyList<string> Names = ["ceiling", "memory", "unlimited", "postgres"];

    /// <summary>What <c>all</c> runs: every scenario that needs nothing beyond this machine (postgres needs a server).</summary>
    public static readonly IReadOnlyList<string> Default = ["ceiling", "memory", "unlimited"];

    private static readonly string[] AllPaths =
        ["customer", "dispute", "paymentrequest", "refund", "settlement", "subscription", "transaction", "transfer"];

    private static readonly TimeSpan NoLatency = TimeSpan.Zero;
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<BenchCase> All { get; } =
    [
        // 50 requests/s x 100 records = 5,000 records/s; 100 ms per answer needs 5 requests in flight at the ceiling.
        Ceiling("ceiling-10s", limit: 500, window: TimeSpan.FromSeconds(10)),
        Ceiling("ceiling-2s", limit: 100, window: TimeSpan.FromSeconds(2)),
        Memory("memory-100k", 100_000),
        Memory("memory-1m", 1_000_000),
        Memory("memory-3m", 3_000_000),
        Unlimited("unlimited-memory", "memory"),
        Unlimited("unlimited-sqlite", "sqlite"),
        // The unlimited workload into PostgreSQL (PAYSTACK_BENCH_POSTGRES, else PAYSTACK_TEST_POSTGRES), a fresh schema per run.
        Unlimited("unlimited-postgres", "postgres") with { Scenario = "postgres" },
    ];

    public static IReadOnlyList<BenchCase> Of(string scenario) => All.Where(c => c.Scenario == scenario).ToList();

    public static BenchCase? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    // Rate x latency is 5 requests; 32 in flight leaves room for answers slowed by a busy machine (each slot is held
    // from the request until the page is parsed, so CPU starvation lengthens it well beyond the 100 ms).
    private static BenchCase Ceiling(string name, int limit, TimeSpan window) => new(
        name, "ceiling", Spread(30_000), limit, window, TimeSpan.FromMilliseconds(100), "memory",
        FetchersPerStream: 4, MaxInFlight: 32);

    // SQLite as the destination: it keeps nothing in process memory, so the footprint is the engine's own. Fetchers
    // and slots as shipped (hocon/paystack-sync.conf), as they bound the pages held in memory.
    private static BenchCase Memory(string name, int transactions) => new(
        name, "memory", new Dictionary<string, int> { ["transaction"] = transactions }, null, OneSecond, NoLatency, "sqlite",
        FetchersPerStream: 32, MaxInFlight: 32);

    private static BenchCase Unlimited(string name, string destination) => new(
        name, "unlimited", Spread(50_000), null, OneSecond, NoLatency, destination,
        FetchersPerStream: 32, MaxInFlight: 32);

    private static Dictionary<string, int> Spread(int perPath) => AllPaths.ToDictionary(p => p, _ => perPath);
}
