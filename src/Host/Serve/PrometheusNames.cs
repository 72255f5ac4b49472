using OpenTelemetry.Metrics;

namespace Paystack.Host.Serve;

/// <summary>
/// Renames the runtime's gauges whose names end in <c>.count</c>: Prometheus reserves the <c>_count</c> suffix for
/// histograms and summaries, and <c>promtool check metrics</c> refuses such a gauge.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    public static MeterProviderBuilder AddPrometheusLintedNames(this MeterProviderBuilder metrics)
    {
        foreach (var (instrument, name) in Renamed)
            metrics.AddView(instrument, name);
        return metrics;
    }
}
