using System.Diagnostics;
using System.Globalization;

namespace Paystack.Bench;

/// <summary>
/// The sandbox in its own process (<c>paystack-sync sandbox</c>), so this process's CPU and memory are the engine's alone.
/// </summary>
public sealed class ExternalSandbox : ISandboxEndpoint
{
    private const string ListeningPrefix = "Paystack sandbox listening on ";

    private readonly Process _process;

    private ExternalSandbox(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public static async Task<ExternalSandbox> StartAsync(BenchCase benchCase, string hostDll)
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException(
                $"The sandbox host {hostDll} does not exist; build it with `dotnet build -c Release src/Host` or pass --sandbox-dll PATH.");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Arguments(benchCase, hostDll)) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _ = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (!line.StartsWith(ListeningPrefix, StringComparison.Ordinal)) continue;
                _ = DrainAsync(process.StandardOutput);
                return new ExternalSandbox(process, new Uri(line[ListeningPrefix.Length..].Trim()));
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The external sandbox did not report its address within 60 s.");
    }

    public Uri BaseUrl { get; }

    /// <summary>The sandbox command's default test key.</summary>
    public string TestKey => "sk_test_sandbox";

    public string Placement => "external";

    public TimeSpan? ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static IEnumerable<string> Arguments(BenchCase benchCase, string hostDll)
    {
        var limit = (benchCase.RateLimit ?? SandboxLimits.Unlimited).ToString(CultureInfo.InvariantCulture);
        yield return hostDll;
        yield return "sandbox";
        yield return "--port";
        yield return "0";
        yield return "--records";
        yield return "0";
        foreach (var (path, count) in benchCase.Records)
        {
            yield return "--stream-records";
            yield return $"{path}={count.ToString(CultureInfo.InvariantCulture)}";
        }
        yield return "--latency-ms";
        yield return ((int)benchCase.Latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        yield return "--test-rate-limit";
        yield return limit;
        yield return "--live-rate-limit";
        yield return limit;
        yield return "--rate-window-seconds";
        yield return benchCase.RateWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        yield return "--max-page-size";
        yield return BenchCase.PageSize.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }
}
