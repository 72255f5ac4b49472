using System.Diagnostics;
using System.Text.Json;
using Paystack.Sandbox;

namespace Paystack.Bench;

/// <summary>
/// One <c>dotnet HOST.dll sync</c> process against a sandbox, as a user runs it: a config file for the sandbox's test key
/// (start_date 2016), a HOCON file, and the journal in <paramref name="folder"/>. Its CPU time and peak memory are read
/// from /proc while it runs.
/// </summary>
/// <param name="Origin">When the process was started, to set the sandbox's request stamps against.</param>
public sealed record ExecutableSync(int ExitCode, string Output, string Errors, DateTimeOffset Origin, TimeSpan Elapsed,
    double CpuSeconds, long PeakResidentBytes)
{
    /// <param name="hocon">The HOCON file's text.</param>
    /// <param name="arguments">What follows <c>sync --config C --hocon H --journal J</c>: streams, destination, flags.</param>
    public static async Task<ExecutableSync> RunAsync(
        string hostDll, SandboxServer sandbox, string folder, string hocon, IEnumerable<string> arguments)
    {
        var config = Path.Combine(folder, "config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["secret_key"] = sandbox.Options.TestKey,
            ["start_date"] = "2016-01-01T00:00:00Z",
            ["base_url"] = sandbox.BaseUrl.ToString(),
        }));
        var hoconFile = Path.Combine(folder, "settings.conf");
        await File.WriteAllTextAsync(hoconFile, hocon);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { hostDll, "sync", "--config", config, "--hocon", hoconFile, "--journal", "sqlite:" + Path.Combine(folder, "journal.db") }
                     .Concat(arguments))
            start.ArgumentList.Add(argument);
        var origin = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var usage = ProcStats.WatchAsync(process.Id);
        await process.WaitForExitAsync();
        clock.Stop();
        var (cpu, peak) = await usage;
        if (process.ExitCode != 0) Console.Error.WriteLine($"  exit code {process.ExitCode}: {(await errors).Trim()}");
        return new ExecutableSync(process.ExitCode, await output, await errors, origin, clock.Elapsed, cpu, peak);
    }
}
