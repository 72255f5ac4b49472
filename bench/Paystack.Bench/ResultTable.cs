using System.Globalization;
using System.Text;

namespace Paystack.Bench;

/// <summary>Prints the figures of a scenario's cases as a Markdown table, one column per case.</summary>
public static class ResultTable
{
    private const double Mb = 1024 * 1024;

    public static string Render(string scenario, IReadOnlyList<CaseResult> results)
    {
        var rows = new List<(string Label, Func<CaseResult, string> Value)>
        {
            ("sandbox", r => r.Sandbox),
            ("destination", r => r.Destination),
            ("succeeded", r => r.Succeeded ? "yes" : $"NO: {r.Error}"),
            ("records", r => N(r.Records)),
            ("requests", r => N(r.Requests)),
            ("duration (s)", r => F(r.DurationSeconds, 1)),
            ("records/s (overall)", r => N(r.RecordsPerSecond)),
            ("records/s (steady, 10%-90%)", r => r.SteadyRecordsPerSecond is { } s ? $"{N(s)} over {F(r.SteadySeconds ?? 0, 1)} s" : "-"),
            ("requests/s (overall)", r => F(r.RequestsPerSecond, 1)),
            ("ceiling (records/s)", r => r.CeilingRecordsPerSecond is { } c ? N(c) : "none"),
            ("% of ceiling (overall)", r => P(r.CeilingFraction)),
            ("% of ceiling (steady)", r => P(r.SteadyCeilingFraction)),
            ("requests % of limit (overall)", r => P(r.LimitFraction)),
            ("CPU s (this process)", r => F(r.CpuSeconds, 1)),
            ("records per CPU-second (this process)", r => N(r.RecordsPerCpuSecond)),
            ("CPU s (sandbox process)", r => r.SandboxCpuSeconds is { } s ? F(s, 1) : "in this process"),
            ("peak working set (MB)", r => F(r.PeakWorkingSetBytes / Mb, 0)),
            ("peak managed heap (MB)", r => F(r.PeakHeapBytes / Mb, 0)),
            ("peak heap after GC (MB)", r => F(r.PeakHeapAfterGcBytes / Mb, 0)),
            ("gen2 collections", r => r.Gen2Collections.ToString(CultureInfo.InvariantCulture)),
            ("machine load (1-min avg, start -> end)", r => r.LoadAverage),
        };

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {scenario}");
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        foreach (var (label, value) in rows)
            text.AppendLine($"| {label} | " + string.Join(" | ", results.Select(value)) + " |");
        return text.ToString();
    }

    public static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string P(double? fraction) => fraction is { } f ? (f * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";
}
