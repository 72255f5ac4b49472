using System.Diagnostics;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// Runs one <c>dotnet</c> SDK command (pack, publish, tool install) from the repository root and fails with its log when it
/// fails. The output goes to a log file, not a pipe: a compiler server the build leaves running would hold a pipe open.
/// </summary>
public static class DotnetCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static async Task RunAsync(IReadOnlyList<string> args, string logFile)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""log="$1"; shift; exec dotnet "$@" >"$log" 2>&1 </dev/null""");
        start.ArgumentList.Add("dotnet-command");
        start.ArgumentList.Add(logFile);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Variables of the build that runs these tests must not steer the nested one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start.");
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {Timeout}.\n{Tail(logFile)}");
        }
        if (process.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"dotnet {string.Join(' ', args)} exited with {process.ExitCode}.\n{Tail(logFile)}");
    }

    private static string Tail(string logFile) =>
        File.Exists(logFile) ? string.Join('\n', File.ReadAllLines(logFile).TakeLast(60)) : "(no log)";
}
