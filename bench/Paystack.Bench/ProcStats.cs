using System.Globalization;

namespace Paystack.Bench;

/// <summary>
/// A process's CPU time and memory as Linux reports them in /proc: read from outside, so a node needs no endpoint for
/// them (cluster members serve no /metrics yet) and the figures are the OS's, not the process's own view.
/// </summary>
public sealed record ProcStats(double CpuSeconds, long ResidentBytes, long PeakResidentBytes, long AnonymousBytes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux the bench runs on

    /// <summary>The figures of process <paramref name="pid"/>, or null once it has gone.</summary>
    public static ProcStats? Read(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ..."; utime and stime are the 14th and 15th fields, counted after comm.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcStats(ticks / TicksPerSecond, Kilobytes(status, "VmRSS:"), Kilobytes(status, "VmHWM:"), Kilobytes(status, "RssAnon:"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads process <paramref name="pid"/> every 50 ms until it has gone: its last CPU time and its peak resident memory.</summary>
    public static async Task<(double CpuSeconds, long PeakResidentBytes)> WatchAsync(int pid)
    {
        var (cpu, peak) = (0.0, 0L);
        while (Read(pid) is { } stats)
        {
            (cpu, peak) = (stats.CpuSeconds, Math.Max(peak, stats.PeakResidentBytes));
            await Task.Delay(50);
        }
        return (cpu, peak);
    }

    private static long Kilobytes(string[] status, string field) =>
        status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024
            : 0;
}
