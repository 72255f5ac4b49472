using System.Globalization;

namespace Paystack.Host.Tests.Serve;

/// <summary>Reads values out of a Prometheus text exposition.</summary>
public static class MetricsText
{
    /// <summary>Sum of every sample of <paramref name="metric"/> whose labels contain all of <paramref name="labels"/> (e.g. stream="transactions").</summary>
    public static double Sum(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
