using System.Globalization;
using System.Text;
using System.Text.Json;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Bench.Throughput;

/// <summary>
/// The built executable (<c>dotnet paystack-sync.dll sync</c>, as a user runs it) with no rate limit against the sandbox
/// in this process, so engine and sandbox are separate processes: 8 streams of 50,000 records (the unlimited cases'
/// workload) into a new SQLite file or a new PostgreSQL schema. Overall counts from process start to exit; "from the
/// first request" leaves start-up out. CPU and peak memory are the executable's own, read from /proc while it runs.
/// A first, uncounted run warms the sandbox up.
/// </summary>
public static class ExecutableThroughput
{
    private const int RecordsPerStream = 50_000;
    private static readonly string[] Paths =
        ["customer", "dispute", "paymentrequest", "refund", "settlement", "subscription", "transaction", "transfer"];

    private sealed record Run(string Destination, int ExitCode, long Records, double Seconds, double FirstRequestSeconds,
        double CpuSeconds, long PeakRssBytes)
    {
        public double Overall => Records / Seconds;
        public double FromFirstRequest => Records / (Seconds - FirstRequestSeconds);
    }

    /// <param name="destinations">sqlite, postgres (needs PAYSTACK_BENCH_POSTGRES or PAYSTACK_TEST_POSTGRES), or both.</param>
    public static async Task<bool> RunAsync(string hostDll, int runs, IReadOnlyList<string> destinations)
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException($"The host {hostDll} does not exist; publish it with `dotnet publish src/Host -c Release -o DIR` and pass --sandbox-dll DIR/paystack-sync.dll.");
        if (destinations.Contains("postgres")) _ = BenchPostgres.ConnectionString; // says what is missing before any run
        // The sandbox runs in this process: its first serving compiles its code, so one run warms it and is not counted.
        Console.Error.WriteLine("warming up the sandbox (one run into sqlite, not counted) ...");
        await RunOnceAsync(hostDll, "sqlite");
        var results = new List<Run>();
        foreach (var destination in destinations)
            for (var i = 0; i < runs; i++)
            {
                Console.Error.WriteLine($"running the executable into {destination} ({i + 1}/{runs}) ...");
                results.Add(await RunOnceAsync(hostDll, destination));
            }
        Console.WriteLine();
        Console.WriteLine(Render(results));
        var met = true;
        foreach (var (destination, target) in new[] { ("sqlite", 50_000), ("postgres", 30_000) })
        {
            var of = results.Where(r => r.Destination == destination).ToList();
            if (of.Count == 0) continue;
            var lowest = of.Min(r => r.Overall);
            Console.WriteLine($"- {destination}, at least {target:N0} records/s overall: {(lowest >= target ? "met" : "NOT MET")} (lowest {lowest:N0}, from the first request {of.Min(r => r.FromFirstRequest):N0})");
            met &= lowest >= target;
        }
        return met && results.All(r => r.ExitCode == 0 && r.Records == Paths.Length * RecordsPerStream);
    }

    private static async Task<Run> RunOnceAsync(string hostDll, string destination)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-throughput-exe-").FullName;
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var options = new SandboxOptions
            {
                RecordsPerStream = 0,
                TestRateLimit = SandboxLimits.Unlimited,
                LiveRateLimit = SandboxLimits.Unlimited,
            };
            foreach (var path in Paths) options.Records[path] = RecordsPerStream;
            await using var sandbox = await SandboxServer.StartAsync(options);
            var target = destination == "postgres"
                ? $"postgres:{BenchPostgres.ConnectionString};Search Path={schema}"
                : "sqlite:" + Path.Combine(folder, "destination.db");
            var streams = string.Join(",", StreamCatalog.All.Where(s => Paths.Contains(s.Path) && s.Parent is null).Select(s => s.Name));
            // The most the engine accepts: a million requests a second, far above anything reachable.
            var run = await ExecutableSync.RunAsync(hostDll, sandbox, folder,
                "paystack-sync.rate-limits { test-requests = 1000000, period = 1s }\n",
                ["--streams", streams, "--json", "--destination", target]);

            var first = sandbox.Requests.Entries.Select(r => r.Timestamp).DefaultIfEmpty(run.Origin).Min();
            return new Run(destination, run.ExitCode, RecordsOf(run.Output), run.Elapsed.TotalSeconds,
                (first - run.Origin).TotalSeconds, run.CpuSeconds, run.PeakResidentBytes);
        }
        finally
        {
            if (destination == "postgres") await BenchPostgres.DropSchemaAsync(schema);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The records the run's JSON summary reports; 0 when there is none (a failed run).</summary>
    private static long RecordsOf(string summary)
    {
        try
        {
            using var document = JsonDocument.Parse(summary);
            return document.RootElement.TryGetProperty("records", out var records) ? records.GetInt64() : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static string Render(IReadOnlyList<Run> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| destination | exit | records | seconds | first request (s) | records/s overall | records/s from the first request | engine CPU s | records per engine CPU-second | engine peak RSS (MB) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Destination} | {r.ExitCode} | {r.Records:N0} | {r.Seconds:0.00} | {r.FirstRequestSeconds:0.00} | {r.Overall:N0} | {r.FromFirstRequest:N0} | {r.CpuSeconds:0.0} | {r.Records / r.CpuSeconds:N0} | {r.PeakRssBytes / 1e6:0} |");
        return text.ToString();
    }
}
