using System.Diagnostics;
using Akka.Configuration;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Bench;

/// <summary>
/// Runs one case as production would: SQLite journal in a temp folder, settings from the shipped defaults with the
/// case's overrides, one full-refresh job of the selected streams, and measures it.
/// </summary>
public static class CaseRunner
{
    private static readonly DateTimeOffset StartDate = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<CaseResult> RunAsync(BenchCase benchCase, RunOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-bench-").FullName;
        try
        {
            await using var sandbox = options.ExternalSandbox
                ? await ExternalSandbox.StartAsync(benchCase, options.HostDll)
                : (ISandboxEndpoint)await InProcessSandbox.StartAsync(benchCase);
            await using var destination = CreateDestination(benchCase, folder);
            var settings = Settings(benchCase);
            await using var host = await BenchEngine.StartAsync(settings, options.Journal == "inmem" ? null : Path.Combine(folder, "journal.db"));
            var engine = host.Engine;
            var clientOptions = settings.Http.ToClientOptions(sandbox.TestKey, sandbox.BaseUrl);
            var job = SyncJobs.For(new SourceConfig(sandbox.TestKey, StartDate),
                benchCase.Streams.Select(name => new StreamSelection(StreamCatalog.Get(name), SyncMode.FullRefresh, WriteMode.Append)).ToList());

            var loadBefore = LoadAverage();
            var counter = new ProgressCounter();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var sandboxCpuBefore = sandbox.ProcessorTime;
            var gen2Before = GC.CollectionCount(2);
            var clock = Stopwatch.StartNew();
            SyncOutcome outcome;
            IReadOnlyList<Sample> samples;
            long peakHeap, peakHeapAfterGc;
            await using (var sampler = new ResourceSampler(() => counter.Records))
            await using (options.Trace ? new ProgressTrace(counter, engine.RateLimiterFor(job.AccountId, sandbox.TestKey)) : null)
            {
                outcome = await engine.RunAsync(job, clientOptions, destination, counter);
                clock.Stop();
                await sampler.DisposeAsync();
                samples = sampler.Samples;
                (peakHeap, peakHeapAfterGc) = (sampler.PeakHeapBytes, sampler.PeakHeapAfterGcBytes);
            }
            process.Refresh();

            var records = outcome.Streams.Sum(s => s.Stats.Records);
            var requests = outcome.Streams.Sum(s => s.Stats.Requests);
            var seconds = clock.Elapsed.TotalSeconds;
            var steady = SteadyRate.Of(samples, benchCase.RateLimit is null ? null : benchCase.RateWindow);
            var failures = outcome.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Stream}: {s.Error}").ToList();
            if (outcome.Succeeded && records != benchCase.TotalRecords)
                failures.Add($"expected {benchCase.TotalRecords} records, the engine wrote {records}");
            return new CaseResult(
                benchCase.Name, benchCase.Scenario, sandbox.Placement, benchCase.Destination,
                failures.Count == 0, failures.Count == 0 ? null : string.Join("; ", failures),
                records, requests, seconds, records / seconds, requests / seconds,
                steady?.RecordsPerSecond, steady?.Seconds,
                benchCase.CeilingRecordsPerSecond, benchCase.CeilingRequestsPerSecond,
                (process.TotalProcessorTime - cpuBefore).TotalSeconds,
                sandbox.ProcessorTime is { } after && sandboxCpuBefore is { } before ? (after - before).TotalSeconds : null,
                process.PeakWorkingSet64, peakHeap, peakHeapAfterGc, GC.CollectionCount(2) - gen2Before,
                $"{loadBefore} -> {LoadAverage()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (benchCase.Destination == "postgres") await BenchPostgres.DropSchemaAsync(Path.GetFileName(folder).Replace('-', '_'));
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The 1-minute load average (Linux), to tell a busy machine from a slow engine.</summary>
    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
        catch (UnauthorizedAccessException) { return "?"; }
    }

    private static SyncSettings Settings(BenchCase benchCase)
    {
        var defaults = SyncSettingsLoader.Defaults();
        var limit = benchCase.RateLimit ?? SandboxLimits.Unlimited;
        return defaults with
        {
            Engine = defaults.Engine with
            {
                PageSize = BenchCase.PageSize,
                FetchersPerStream = benchCase.FetchersPerStream,
                WindowLength = TimeSpan.FromDays(90),
                SettleDelay = TimeSpan.FromSeconds(1),
            },
            RateLimits = defaults.RateLimits with
            {
                TestRequests = limit,
                LiveRequests = limit,
                Period = benchCase.RateWindow,
                MaxInFlight = benchCase.MaxInFlight,
            },
        };
    }

    private static IDestination CreateDestination(BenchCase benchCase, string folder) => benchCase.Destination switch
    {
        "memory" => new InMemoryDestination(),
        "sqlite" => DestinationFactory.Create($"sqlite:{Path.Combine(folder, "destination.db")}"),
        "postgres" => new PostgresDestination(new PostgresDestinationOptions(BenchPostgres.ConnectionString) { Schema = Path.GetFileName(folder).Replace('-', '_') }),
        var other => throw new ArgumentException($"Unknown destination '{other}': memory, sqlite or postgres."),
    };
}
