using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Bench.Limiter;

/// <summary>
/// The adaptive budget against a server whose window is shorter than the configured period: 600 per 60 s configured,
/// the sandbox allowing the same 600 a minute as 40 per 4 s and telling its limit (<c>X-RateLimit-Limit: 40</c>) only
/// on its 429s. Counts, from the sandbox's request log, the requests admitted per minute after the first 429s.
/// </summary>
public static class LimiterRecovery
{
    private const int Configured = 600;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(60);
    private const int ServerLimit = 40;
    private static readonly TimeSpan ServerWindow = TimeSpan.FromSeconds(4);
    private const int PageSize = 10;
    private static readonly string[] Streams = ["transactions", "customers", "refunds"];

    /// <returns>True when the run completed with every record and used at least 80% of the configured budget after the first 429s.</returns>
    public static async Task<bool> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("paystack-limiter-").FullName;
        try
        {
            // About 1,500 requests: two and a half minutes at 600 a minute.
            var sandboxOptions = new SandboxOptions
            {
                RecordsPerStream = 5_000,
                TestRateLimit = ServerLimit,
                RateLimitWindow = ServerWindow,
                RateLimitHeadersOnlyOn429 = true,
                Faults = { Latency = TimeSpan.FromMilliseconds(50) },
            };
            await using var sandbox = await SandboxServer.StartAsync(sandboxOptions);
            var defaults = SyncSettingsLoader.Defaults();
            var settings = defaults with
            {
                Engine = defaults.Engine with { PageSize = PageSize, SettleDelay = TimeSpan.Zero, WindowLength = TimeSpan.FromDays(3650) },
                RateLimits = defaults.RateLimits with { TestRequests = Configured, LiveRequests = Configured, Period = Period },
                Http = defaults.Http with { MaxRetries = 10 },
            };
            await using var host = await BenchEngine.WithSqliteJournalAsync(settings, Path.Combine(folder, "journal.db"));
            var engine = host.Engine;
            var destination = new InMemoryDestination();
            var job = SyncJobs.For(new SourceConfig(sandbox.Options.TestKey, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                Streams.Select(s => new StreamSelection(StreamCatalog.Get(s), SyncMode.FullRefresh, WriteMode.Append)).ToList());
            Console.Error.WriteLine("running limiter-recovery (about 3 minutes) ...");
            var outcome = await engine.RunAsync(job, settings.Http.ToClientOptions(sandbox.Options.TestKey, sandbox.BaseUrl), destination);

            var entries = sandbox.Requests.Entries.OrderBy(r => r.Timestamp).ToList();
            var firstThrottled = entries.FindIndex(r => r.StatusCode == 429);
            var complete = outcome.Succeeded && Streams.All(s => destination.Ids(s).Count == sandbox.Store.Ids(StreamCatalog.Get(s).Path).Count);
            Console.WriteLine($"Limiter recovery: {Configured} per {Period.TotalSeconds:F0} s configured, the server allows {ServerLimit} per " +
                              $"{ServerWindow.TotalSeconds:F0} s and says so only on 429s; {PageSize} records a page, 50 ms latency.");
            Console.WriteLine();
            if (firstThrottled < 0)
            {
                Console.WriteLine("- no 429 was answered: nothing to show (NOT MET)");
                return false;
            }

            // From the first admitted request after the first 429s, in whole server windows up to the last request.
            var start = entries[0].Timestamp;
            var resumed = entries.Skip(firstThrottled).First(r => r.StatusCode == 200).Timestamp;
            var end = entries[^1].Timestamp;
            var windows = (int)((end - resumed) / ServerWindow);
            var admitted = Enumerable.Range(0, windows)
                .Select(i => entries.Count(r => r.StatusCode == 200 && r.Timestamp >= resumed + i * ServerWindow && r.Timestamp < resumed + (i + 1) * ServerWindow))
                .ToList();
            var perMinute = admitted.Sum() * (Period / (windows * ServerWindow));
            var minutes = entries.GroupBy(r => (int)((r.Timestamp - resumed) / Period)).Where(g => g.Key >= 0)
                .Select(g => $"{g.Count(r => r.StatusCode == 200)}").ToList();
            Console.WriteLine("| requests | answered 429 | first 429 at | run | admitted per minute after the first 429s | of the configured 600 |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {entries.Count:N0} | {entries.Count(r => r.StatusCode == 429):N0} | {(entries[firstThrottled].Timestamp - start).TotalSeconds:F1} s | " +
                              $"{(end - start).TotalSeconds:F1} s | {perMinute:F0} | {perMinute / Configured:P0} |");
            Console.WriteLine();
            Console.WriteLine($"- admitted per {ServerWindow.TotalSeconds:F0} s window after the first 429s: {string.Join(",", admitted)}");
            Console.WriteLine($"- admitted per minute of the run after them (the last minute is partial): {string.Join(", ", minutes)}");
            Console.WriteLine($"- every record once: {(complete ? "yes" : "NO")}; at least 80% of the configured budget: {(perMinute >= 0.8 * Configured ? "met" : "NOT MET")}");
            return complete && perMinute >= 0.8 * Configured;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
