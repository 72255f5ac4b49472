using System.Diagnostics;

namespace Paystack.Host.Tests.Cli;

/// <summary>
/// Runs the built paystack-sync executable (<c>dotnet paystack-sync.dll ...</c>, copied next to the test assembly by the
/// project reference) as a separate process and captures its exit code, stdout and stderr.
/// </summary>
public static class CliRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string ExecutablePath { get; } = Path.Combine(AppContext.BaseDirectory, "paystack-sync.dll");

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, environment: null);

    /// <param name="environment">Variables to set (a null value removes one) in the child's environment.</param>
    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        if (!File.Exists(ExecutablePath))
            throw new FileNotFoundException($"paystack-sync.dll was not built next to the tests: {ExecutablePath}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The child must not pick up a key from the developer's shell unless a test passes one.
        start.Environment["PAYSTACK_SECRET_KEY"] = null;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close(); // sources have no stdin
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"paystack-sync {string.Join(' ', args)} did not finish within {timeout ?? DefaultTimeout}.");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
