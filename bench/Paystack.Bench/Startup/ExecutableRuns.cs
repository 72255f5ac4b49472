using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Bench.Startup;

/// <summary>
/// Runs the built host (<c>dotnet paystack-sync.dll ...</c>, or an executable such as an installed tool) end to end against an in-process sandbox, as a user's
/// cron job would: `sync` with a SQLite journal (new, then again), `read` (in-memory journal), and `spec` as the cost
/// of the runtime and command line alone. Given several hosts (a baseline and a change), each command runs on each host
/// in turn, the order alternating per repeat, so a machine whose load drifts weighs on both alike.
/// </summary>
public static class ExecutableRuns
{
    public static async Task<IReadOnlyList<ExecutableRun>> RunAsync(string hostDll, int repeats) =>
        (await RunAsync([hostDll], repeats))[hostDll];

    /// <returns>The runs of each host.</returns>
    public static async Task<IReadOnlyDictionary<string, List<ExecutableRun>>> RunAsync(IReadOnlyList<string> hosts, int repeats)
    {
        foreach (var hostDll in hosts)
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

            var runs = hosts.ToDictionary(host => host, _ => new List<ExecutableRun>());
            for (var r = 0; r < repeats; r++)
            {
                var order = r % 2 == 0 ? hosts : hosts.Reverse().ToList();
                async Task EachHostAsync(string label, Func<int, string[]> arguments)
                {
                    foreach (var host in order)
                        runs[host].Add(await RunOnceAsync(label, host, arguments(IndexOf(hosts, host)), sandbox));
                }
                string Db(string name, int host) => "sqlite:" + Path.Combine(folder, $"{name}-{r}-{host}.db");
                Func<int, string[]> Sync(string? streams, string name) => host =>
                    ["sync", "--config", config, "--destination", Db(name + "-dest", host), "--journal", Db(name + "-journal", host),
                     .. streams is null ? Array.Empty<string>() : ["--streams", streams]];

                await EachHostAsync("spec (runtime and command line only)", _ => ["spec"]);
                await EachHostAsync("sync customers, new journal", Sync("customers", "one"));
                await EachHostAsync("sync customers, again", Sync("customers", "one"));
                await EachHostAsync("sync all streams, new journal", Sync(null, "all"));
                await EachHostAsync("sync all streams, again", Sync(null, "all"));
                await EachHostAsync("read customers (in-memory journal)", _ => ["read", "--config", config, "--catalog", oneCatalog]);
                await EachHostAsync("read all streams (in-memory journal)", _ => ["read", "--config", config, "--catalog", allCatalog]);
            }
            return runs;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static int IndexOf(IReadOnlyList<string> hosts, string host)
    {
        for (var i = 0; i < hosts.Count; i++)
            if (hosts[i] == host) return i;
        return -1;
    }

    private static async Task<ExecutableRun> RunOnceAsync(string label, string hostDll, IReadOnlyList<string> arguments, SandboxServer sandbox)
    {
        sandbox.Requests.Clear();
        var start = StartInfo(hostDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var origin = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
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

    /// <summary>
    /// A dll (a build or a published folder) runs as <c>dotnet PATH</c>; anything else, such as the published apphost or
    /// the command <c>dotnet tool install</c> created, runs as it is, so its own start-up (the apphost, the tool's
    /// shim) is part of the figure.
    /// </summary>
    private static ProcessStartInfo StartInfo(string host)
    {
        var start = new ProcessStartInfo(IsDll(host) ? "dotnet" : host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (IsDll(host)) start.ArgumentList.Add(host);
        return start;
    }

    /// <summary>How a run starts the host, for the report's heading.</summary>
    public static string CommandLine(string host) => IsDll(host) ? $"dotnet {host}" : host;

    private static bool IsDll(string host) => host.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

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
