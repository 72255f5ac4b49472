using System.Diagnostics;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>Runs Prometheus's <c>promtool</c> and returns its exit code and output.</summary>
public static class Promtool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(PrometheusServer.Promtool!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
