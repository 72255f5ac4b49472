using System.Globalization;
using System.Text;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Bench.Requests;

/// <summary>
/// Requests per run against the minimum: each case syncs against an in-process sandbox without a rate limit, and the
/// sandbox's request log counts what the counted run asked. The minimum is ceil(records / page size served) per
/// stream over the records in the run's range; the target is that plus one per stream, plus one per split its pages
/// make necessary (ceil(pages / max-pages-per-window) - 1).
/// </summary>
public static class RequestsScenario
{
    public sealed record Row(string Case, long Records, int Requests, int Refused, int Minimum, int Target, bool Complete)
    {
        public bool Met => Complete && Requests <= Target;
    }

    public static async Task<bool> RunAsync()
    {
        var rows = new List<Row>();
        foreach (var requestCase in RequestCases.All)
        {
            Console.Error.WriteLine($"running {requestCase.Name} ...");
            rows.Add(await RunAsync(requestCase));
        }
        Console.WriteLine();
        Console.WriteLine(Render(rows));
        return rows.Where(r => !r.Case.Contains("former default", StringComparison.Ordinal)).All(r => r.Met);
    }

    public static async Task<Row> RunAsync(RequestCase requestCase)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-requests-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var options = new SandboxOptions
            {
                RecordsPerStream = 0,
                TestRateLimit = SandboxLimits.Unlimited,
                LiveRateLimit = SandboxLimits.Unlimited,
                MaxPageSize = requestCase.MaxPageSize,
                OversizedPage = requestCase.Oversized,
                DataEnd = now.AddHours(-1),
                DataStart = now.AddHours(-1).AddDays(-365 * requestCase.DataYears),
            };
            foreach (var (path, count) in requestCase.Paths) options.Records[path] = count;
            await using var sandbox = await SandboxServer.StartAsync(options);
            var settings = Settings(requestCase);
            await using var host = await BenchEngine.WithSqliteJournalAsync(settings, Path.Combine(folder, "journal.db"));
            var engine = host.Engine;
            var clientOptions = settings.Http.ToClientOptions(options.TestKey, sandbox.BaseUrl);
            var streams = StreamCatalog.All.Where(s => requestCase.Paths.ContainsKey(s.Path) && s.Parent is null).ToList();
            var startDate = now.AddYears(-requestCase.StartYearsBack);
            SyncJob Job(int lookback) => SyncJobs.For(new SourceConfig(options.TestKey, startDate, lookback),
                streams.Select(s => new StreamSelection(s, SyncMode.Incremental, WriteMode.Append)).ToList());

            var inRange = requestCase.Paths.ToDictionary(p => p.Key, p => (long)p.Value);
            if (requestCase.Before != RequestCase.Prior.None)
            {
                var first = await engine.RunAsync(Job(0), clientOptions, new InMemoryDestination());
                foreach (var stream in streams)
                {
                    CursorFormat.TryParse(first.Streams.Single(s => s.Stream == stream.Name).Cursor, out var cursor);
                    if (requestCase.Before == RequestCase.Prior.EarlierRunAndOnePercentNew)
                    {
                        var added = requestCase.Paths[stream.Path] / 100;
                        for (var i = 0; i < added; i++) sandbox.Store.Add(stream.Path, cursor);
                        inRange[stream.Path] = added;
                    }
                    else
                    {
                        inRange[stream.Path] = sandbox.Store.Ids(stream.Path, cursor.AddDays(-requestCase.LookbackDays)).Count;
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds(2.1)); // the next run's upper bound (now - settle delay) must pass the cursor
            }

            sandbox.Requests.Clear();
            var destination = new InMemoryDestination();
            var outcome = await engine.RunAsync(Job(requestCase.LookbackDays), clientOptions, destination);

            var served = Math.Min(settings.Engine.PageSize, requestCase.MaxPageSize);
            var pages = inRange.Values.Select(n => (int)((n + served - 1) / served)).ToList();
            var minimum = pages.Sum();
            var splits = pages.Sum(p => Math.Max(0, (p + settings.Engine.MaxPagesPerWindow - 1) / settings.Engine.MaxPagesPerWindow - 1));
            var records = outcome.Streams.Sum(s => s.Stats.Records);
            return new Row(requestCase.Name, records, sandbox.Requests.Count(), sandbox.Requests.Count(status: 400),
                minimum, minimum + streams.Count + splits, outcome.Succeeded && records == inRange.Values.Sum());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static SyncSettings Settings(RequestCase requestCase)
    {
        var defaults = SyncSettingsLoader.Defaults();
        return defaults with
        {
            Engine = defaults.Engine with
            {
                SettleDelay = TimeSpan.FromSeconds(1),
                WindowLength = requestCase.WindowLength ?? defaults.Engine.WindowLength,
            },
            RateLimits = defaults.RateLimits with
            {
                TestRequests = SandboxLimits.Unlimited, LiveRequests = SandboxLimits.Unlimited, Period = TimeSpan.FromSeconds(1),
            },
        };
    }

    private static string Render(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | records read | requests (400s) | minimum | target | x minimum | verdict |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var ratio = row.Minimum == 0 ? "-" : (row.Requests / (double)row.Minimum).ToString("0.00", CultureInfo.InvariantCulture);
            var verdict = !row.Complete ? "INCOMPLETE" : row.Met ? "met" : "over target";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Case} | {row.Records:N0} | {row.Requests} ({row.Refused}) | {row.Minimum} | {row.Target} | {ratio} | {verdict} |");
        }
        return text.ToString();
    }
}
