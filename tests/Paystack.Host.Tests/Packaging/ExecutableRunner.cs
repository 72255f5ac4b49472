using System.Diagnostics;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Packaging;

/// <summary>Runs a packaged paystack-sync (the installed tool's shim or the published apphost) as users and Airbyte do.</summary>
public static class ExecutableRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static Task<CliResult> RunAsync(string executable, params string[] args) => RunAsync(executable, args, environment: null);

    public static async Task<CliResult> RunAsync(
        string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null)
    {
        // A bare name (dotnet) is found on PATH; a path must point at a file the package produced.
        if (Path.IsPathRooted(executable)) Assert.True(File.Exists(executable), $"{executable} does not exist");
        var argList = args.ToList();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Anywhere but the repository, so nothing beside the sources can stand in for what the package lacks.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in argList) start.ArgumentList.Add(arg);
        start.Environment["PAYSTACK_SECRET_KEY"] = null;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', argList)} did not finish within {Timeout}.");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
