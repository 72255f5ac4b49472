using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package, installed by .ci/run) on a free loopback port, scraping one
/// target every second with deploy/'s alert rules loaded; its data folder is removed afterwards.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static string? Executable => ToolOnPath.Find("prometheus");

    public static string? Promtool => ToolOnPath.Find("promtool");

    public static string? SkipReason => Executable is null || Promtool is null
        ? "Prometheus is not installed (Debian: apt-get install prometheus; .ci/run installs it when it can)."
        : null;

    public HttpClient Api { get; }

    public static async Task<PrometheusServer> StartAsync(Uri target, string rulesPath)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rulesPath}
            scrape_configs:
              - job_name: paystack-sync
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var port = Serve.ServeEnvironment.FreePort();
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start.");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Runs an instant query until it returns a sample; returns the first sample's value.</summary>
    public async Task<double> WaitForValueAsync(string query, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var answer = await Api.GetFromJsonAsync<JsonElement>($"api/v1/query?query={Uri.EscapeDataString(query)}");
                last = answer.GetRawText();
                var result = answer.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                    return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"Prometheus never answered '{query}' with a sample. Last answer: {last}");
    }

    /// <summary>Names of the alerting rules Prometheus loaded.</summary>
    public async Task<IReadOnlyList<string>> AlertNamesAsync()
    {
        var answer = await Api.GetFromJsonAsync<JsonElement>("api/v1/rules?type=alert");
        return answer.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => r.GetProperty("name").GetString()!)
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
