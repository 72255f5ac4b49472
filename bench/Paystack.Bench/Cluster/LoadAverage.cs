using System.Globalization;

namespace Paystack.Bench.Cluster;

/// <summary>The 1-minute load average (/proc/loadavg): the machine is shared, so every figure is printed next to it.</summary>
public static class LoadAverage
{
    public static double Now() =>
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
}
