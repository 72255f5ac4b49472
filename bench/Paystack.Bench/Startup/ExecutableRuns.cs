using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Bench.Startup;

/// <summary>
/// Runs the built host (<c>dotnet paystack-sync.dll ...</c>) end to end against an in-process sandbox, as a user's
/// cron job would: `sync` with a SQLite journal (new, then again), `read` (in-memory journal), and `spec` as the cost
/// of the runtime and command line alone.
/// </summary>
public static class ExecutableRuns
{
    public static async Task<IReadOnlyList<ExecutableRun>> RunAsync(string hostDll, int repeats)
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException($"The host {hostDll} does not exist; build it with `dotnet build -c Release src/Host` or pass --sandbox-dll PATH.");
        var folder = Directory.CreateTempSubdirectory("paystack-startup-exe-").FullName;
        try
        {
            var options = StartupRunner.SandboxFor();
            await using var sandbox = await SandboxServer.StartAsync(options);
            var config = Path.Combine(folder, "config.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["secret_key"] = options.TestKey,
                ["start_date"] = DateTimeOffset.UtcNow.AddDays(-StartupCase.DataDays).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["lookback_window_days"] = StartupCase.LookbackDays,
                ["base_url"] = sandbox.BaseUrl.ToString(),
            }));
            var oneCatalog = await WriteCatalogAsync(folder, "catalog-1.json", [StreamCatalog.Get("customers")]);
            var allCatalog = await WriteCatalogAsync(folder, "catalog-all.json", StreamCatalog.All);

            var runs = new List<ExecutableRun>();
            for (var r = 0; r < repeats; r++)
            {
                string Db(string name) => "sqlite:" + Path.Combine(folder, $"{name}-{r}.db");
                string[] Sync(string? streams, string name) =>
                    ["sync", "--config", config, "--destination", Db(name + "-dest"), "--journal", Db(name + "-journal"),
                     .. streams is null ? Array.Empty<string>() : ["--streams", streams]];

                runs.Add(await RunOnceAsync("spec (runtime and command line only)", hostDll, ["spec"], sandbox));
                runs.Add(await RunOnceAsync("sync customers, new journal", hostDll, Sync("customers", "one"), sandbox));
                runs.Add(await RunOnceAsync("sync customers, again", hostDll, Sync("customers", "one"), sandbox));
                runs.Add(await RunOnceAsync("sync all streams, new journal", hostDll, Sync(null, "all"), sandbox));
                runs.Add(await RunOnceAsync("sync all streams, again", hostDll, Sync(null, "all"), sandbox));
                runs.Add(await RunOnceAsync("read customers (in-memory journal)", hostDll, ["read", "--config", config, "--catalog", oneCatalog], sandbox));
                runs.Add(await RunOnceAsync("read all streams (in-memory journal)", hostDll, ["read", "--config", config, "--catalog", allCatalog], sandbox));
            }
            return runs;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<ExecutableRun> RunOnceAsync(string label, string hostDll, IReadOnlyList<string> arguments, SandboxServer sandbox)
    {
        sandbox.Requests.Clear();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var origin = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        var exited = origin + clock.Elapsed;
        await Task.WhenAll(output, errors);
        if (process.ExitCode != 0)
            Console.Error.WriteLine($"  [{label}] exit code {process.ExitCode}: {(await errors).Trim()}");

        var requests = sandbox.Requests.Entries;
        return new ExecutableRun(
            label,
            clock.Elapsed.TotalMilliseconds,
            requests.Count > 0 ? (requests[0].Timestamp - origin).TotalMilliseconds : null,
            requests.Count > 0 ? (requests[^1].Timestamp - requests[0].Timestamp).TotalMilliseconds : null,
            requests.Count > 0 ? (exited - requests[^1].Timestamp).TotalMilliseconds : null,
            requests.Count,
            process.ExitCode);
    }

    private static async Task<string> WriteCatalogAsync(string folder, string name, IEnumerable<StreamDefinition> streams)
    {
        var path = Path.Combine(folder, name);
        var catalog = new
        {
            streams = streams.Select(s => new Dictionary<string, object>
            {
                ["stream"] = new Dictionary<string, object>
                {
                    ["name"] = s.Name,
                    ["json_schema"] = new Dictionary<string, object>(),
                    ["supported_sync_modes"] = s.SupportsIncremental ? new[] { "full_refresh", "incremental" } : ["full_refresh"],
                },
                ["sync_mode"] = s.SupportsIncremental ? "incremental" : "full_refresh",
                ["destination_sync_mode"] = "append",
            }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(catalog));
        return path;
    }
}
