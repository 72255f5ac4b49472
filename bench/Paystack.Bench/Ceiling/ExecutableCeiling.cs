using System.Globalization;
using System.Text;
using Paystack.Sandbox;

namespace Paystack.Bench.Ceiling;

/// <summary>
/// The built executable (<c>dotnet paystack-sync.dll sync</c>) against a rate-limited sandbox: 20 requests/s, 150 ms
/// latency, 24,000 records in 2 streams created 2023-2024, start_date 2016. The ceiling is the minimum requests
/// (ceil(records / page size) per stream) at 20 a second; end to end is measured from process start to exit, steady
/// as the requests/s between the first and the last request against the limit. Steady can pass 1: a sliding window
/// lets a whole budget through at the start. Sustained leaves that out: the window over the median time from a request
/// to the one a budget later, which is how soon the limiter reuses a window's budget. A first, uncounted run warms the
/// sandbox up.
/// </summary>
public static class ExecutableCeiling
{
    private const int Rate = 20;
    private const int RecordsPerStream = 12_000;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private sealed record Run(int PageSize, double Seconds, double FirstRequestSeconds, double SpanSeconds, int Requests, int Minimum,
        int RateLimited, int BusiestWindow, double BudgetReuseSeconds, int ExitCode)
    {
        public double CeilingSeconds => Minimum / (double)Rate;
        public double EndToEnd => CeilingSeconds / Seconds;
        public double Steady => (Requests - 1) / SpanSeconds / Rate;
        public double Sustained => Window.TotalSeconds / BudgetReuseSeconds;
    }

    /// <param name="rateLimits">More <c>paystack-sync.rate-limits</c> settings, e.g. <c>min-window-margin = 20ms</c>.</param>
    public static async Task<bool> RunAsync(string hostDll, int runs, string rateLimits = "")
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException($"The host {hostDll} does not exist; build it with `dotnet build -c Release src/Host` or pass --sandbox-dll PATH.");
        // The sandbox runs in this process: its first serving compiles its code, so one run warms it and is not counted.
        Console.Error.WriteLine("warming up the sandbox (one run at 200 a page, not counted) ...");
        await RunOnceAsync(hostDll, 200, rateLimits);
        var results = new List<Run>();
        foreach (var pageSize in new[] { 100, 200 })
            for (var i = 0; i < runs; i++)
            {
                Console.Error.WriteLine($"running the executable, {pageSize} a page ({i + 1}/{runs}) ...");
                results.Add(await RunOnceAsync(hostDll, pageSize, rateLimits));
            }
        Console.WriteLine();
        Console.WriteLine(Render(results));
        var endToEnd = results.Min(r => r.EndToEnd);
        var steady = results.Min(r => r.Steady);
        Console.WriteLine($"- end to end, at least 0.95 of the ceiling: {Verdict(endToEnd >= 0.95)} (lowest {endToEnd:0.00})");
        Console.WriteLine($"- steady, at least 0.99 of the limit: {Verdict(steady >= 0.99)} (lowest {steady:0.00})");
        Console.WriteLine($"- sustained, the window's budget reused (shown, not judged): lowest {results.Min(r => r.Sustained):0.000}");
        return results.All(r => r.ExitCode == 0) && endToEnd >= 0.95 && steady >= 0.99;
    }

    private static async Task<Run> RunOnceAsync(string hostDll, int pageSize, string rateLimits)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-ceiling-exe-").FullName;
        try
        {
            var options = new SandboxOptions
            {
                RecordsPerStream = 0,
                Records = { ["transaction"] = RecordsPerStream, ["customer"] = RecordsPerStream },
                TestRateLimit = Rate,
                LiveRateLimit = Rate,
                RateLimitWindow = Window,
                MaxPageSize = pageSize,
                Faults = { Latency = Latency },
            };
            await using var sandbox = await SandboxServer.StartAsync(options);
            var run = await ExecutableSync.RunAsync(hostDll, sandbox, folder,
                $"paystack-sync.rate-limits {{ test-requests = {Rate}, period = 1s\n{rateLimits}\n}}\n",
                ["--streams", "transactions,customers", "--destination", "sqlite:" + Path.Combine(folder, "destination.db")]);

            var requests = sandbox.Requests.Entries.OrderBy(r => r.Timestamp).ToList();
            var minimum = 2 * ((RecordsPerStream + pageSize - 1) / pageSize);
            var busiest = sandbox.Account(options.TestKey).CheckBudget().Busiest;
            var reuse = requests.Skip(Rate).Select((r, i) => (r.Timestamp - requests[i].Timestamp).TotalSeconds).Order().ToList();
            return new Run(pageSize, run.Elapsed.TotalSeconds, (requests[0].Timestamp - run.Origin).TotalSeconds,
                (requests[^1].Timestamp - requests[0].Timestamp).TotalSeconds, requests.Count, minimum,
                requests.Count(r => r.StatusCode == 429), busiest, reuse[reuse.Count / 2], run.ExitCode);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private static string Render(IReadOnlyList<Run> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| page size | exit | seconds | first request (s) | requests (429s) | busiest 1 s window | minimum | ceiling (s) | of ceiling, end to end | of limit, steady | of limit, sustained |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.PageSize} | {r.ExitCode} | {r.Seconds:0.00} | {r.FirstRequestSeconds:0.00} | {r.Requests} ({r.RateLimited}) | {r.BusiestWindow} | {r.Minimum} | {r.CeilingSeconds:0.0} | {r.EndToEnd:0.00} | {r.Steady:0.00} | {r.Sustained:0.000} |");
        return text.ToString();
    }
}
