using System.Diagnostics;
using Akka.Configuration;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Bench.Startup;

/// <summary>
/// Runs a start-up case in this (fresh) process three times against an in-process sandbox, tracing each step:
/// cold (first engine of the process; the journal empty, or left by an earlier process in the same folder), again (a second job on the same ActorSystem, as `serve` does)
/// and new-system (a new ActorSystem in the warm process, journal already holding the streams).
/// </summary>
public static class StartupRunner
{
    public static async Task<StartupResult> RunAsync(StartupCase startupCase, RunOptions options)
    {
        var processToMain = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("paystack-startup-").FullName;
        var journalExisted = File.Exists(Path.Combine(folder, "journal.db"));
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(SandboxFor());
            TimedSqlWriteJournal.Streams = startupCase.Streams.Count;
            var journalPath = options.Journal == "inmem" ? null : Path.Combine(folder, "journal.db");
            var timedJournal = TimedJournal(options.Journal);
            var settings = Settings();
            var clientOptions = settings.Http.ToClientOptions(sandbox.Options.TestKey, sandbox.BaseUrl);
            var source = new SourceConfig(sandbox.Options.TestKey, DateTimeOffset.UtcNow.AddDays(-StartupCase.DataDays), StartupCase.LookbackDays);
            var job = SyncJobs.For(source,
                startupCase.Streams.Select(name => new StreamSelection(StreamCatalog.Get(name), SyncMode.Incremental, WriteMode.AppendDedup)).ToList());
            var destination = $"sqlite:{Path.Combine(folder, "destination.db")}";
            var runs = new List<StartupRun>();

            var cold = Begin();
            var host = await BenchEngine.StartAsync(settings, journalPath, timedJournal, (o, gate) => new TimedClient(new PaystackClient(o, gate)));
            cold.Once("engine: host started (ActorSystem created)");
            runs.Add(await TracedRunAsync("cold", cold, host, job, clientOptions, destination, sandbox, startupCase));

            var again = Begin();
            runs.Add(await TracedRunAsync("again", again, host, job, clientOptions, destination, sandbox, startupCase, dispose: true));

            var fresh = Begin();
            host = await BenchEngine.StartAsync(settings, journalPath, timedJournal, (o, gate) => new TimedClient(new PaystackClient(o, gate)));
            fresh.Once("engine: host started (ActorSystem created)");
            runs.Add(await TracedRunAsync("new-system", fresh, host, job, clientOptions, destination, sandbox, startupCase, dispose: true));

            StartupTrace.Current = null;
            return new StartupResult(startupCase.Name, options.Journal, journalExisted, startupCase.Streams.Count, processToMain, runs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.Folder is null)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static StartupTrace Begin() => StartupTrace.Current = new StartupTrace();

    private static async Task<StartupRun> TracedRunAsync(
        string label, StartupTrace trace, EngineHost host, SyncJob job, PaystackClientOptions clientOptions, string destinationSpec,
        SandboxServer sandbox, StartupCase startupCase, bool dispose = false)
    {
        sandbox.Requests.Clear();
        string? error = null;
        trace.Once("RunAsync called");
        await using (var destination = DestinationFactory.Create(destinationSpec))
        {
            trace.Once("destination created");
            var outcome = await host.Engine.RunAsync(job, clientOptions, destination, new TimedObserver(startupCase.Streams.Count));
            trace.Once("RunAsync returned");
            if (!outcome.Succeeded)
                error = string.Join("; ", outcome.Streams.Where(s => !s.Succeeded).Select(s => $"{s.Stream}: {s.Error}"));
        }
        trace.Once("destination disposed");
        if (dispose)
        {
            await host.DisposeAsync();
            trace.Once("engine host stopped (ActorSystem terminated)");
        }
        var requests = sandbox.Requests.Entries;
        if (requests.Count > 0)
        {
            trace.At("sandbox: first request arrived", requests[0].Timestamp);
            trace.At("sandbox: last request arrived", requests[^1].Timestamp);
        }
        return new StartupRun(label, trace.Marks, error is null, error);
    }

    /// <summary>A few records of every resource, all created in the last <see cref="StartupCase.DataDays"/> days; no limit.</summary>
    internal static SandboxOptions SandboxFor() => new()
    {
        RecordsPerStream = StartupCase.RecordsPerResource,
        DataStart = DateTimeOffset.UtcNow.AddDays(-StartupCase.DataDays + 1),
        DataEnd = DateTimeOffset.UtcNow.AddMinutes(-10),
        TestRateLimit = SandboxLimits.Unlimited,
        LiveRateLimit = SandboxLimits.Unlimited,
        RateLimitWindow = TimeSpan.FromSeconds(1),
    };

    /// <summary>The production journal plugins subclassed to timestamp their first requests.</summary>
    private static Config TimedJournal(string kind) => kind == "inmem"
        ? ConfigurationFactory.ParseString($"""
            akka.persistence.journal.inmem.class = "{typeof(TimedMemoryJournal).AssemblyQualifiedName}"
            """)
        : ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.class = "{typeof(TimedSqlWriteJournal).AssemblyQualifiedName}"
            akka.persistence.snapshot-store.sql.class = "{typeof(TimedSqlSnapshotStore).AssemblyQualifiedName}"
            """);

    /// <summary>The shipped defaults, with the rate limit lifted (the sandbox has none) and a short settle delay.</summary>
    private static SyncSettings Settings()
    {
        var defaults = SyncSettingsLoader.Defaults();
        return defaults with
        {
            Engine = defaults.Engine with { SettleDelay = TimeSpan.FromSeconds(1) },
            RateLimits = defaults.RateLimits with { TestRequests = SandboxLimits.Unlimited, LiveRequests = SandboxLimits.Unlimited, Period = TimeSpan.FromSeconds(1) },
        };
    }
}
