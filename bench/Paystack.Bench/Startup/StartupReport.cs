using System.Globalization;
using System.Text;

namespace Paystack.Bench.Startup;

/// <summary>Markdown tables of the start-up figures, ready for bench/README.md.</summary>
public static class StartupReport
{
    /// <summary>One table per case: each step's median over the case's processes, for each run of a process.</summary>
    public static string Render(IReadOnlyList<StartupResult> results)
    {
        var first = results[0];
        var labels = first.Runs.Select(r => r.Label).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"### {first.Name}: {first.Streams} stream(s), journal {first.Journal} " +
            $"({(first.JournalExisted ? "left by an earlier process: a scheduled run" : "new: a first sync")}), in-process sandbox, median of {results.Count} processes " +
            $"(process start to Main: {Median(results.Select(r => r.ProcessToMainMs)):F0} ms)");
        text.AppendLine();
        text.AppendLine("ms from the run's start (cold and new-system: before the ActorSystem is created; again: RunAsync called); JIT ms so far (all threads) in brackets");
        text.AppendLine();
        text.AppendLine("| step | " + string.Join(" | ", labels) + " |");
        text.AppendLine("|---|" + string.Concat(labels.Select(_ => "---:|")));
        var steps = results.SelectMany(r => r.Runs).SelectMany(r => r.Marks).Select(m => m.Step).Distinct().ToList();
        var cells = steps.ToDictionary(step => step, step => labels.Select(label => Cell(results, label, step)).ToList());
        foreach (var step in steps.OrderBy(step => cells[step][0].Ms ?? cells[step].Min(c => c.Ms) ?? double.MaxValue))
            text.AppendLine($"| {step} | {string.Join(" | ", cells[step].Select(c => c.Text))} |");
        foreach (var failed in results.SelectMany(r => r.Runs).Where(r => !r.Succeeded))
            text.AppendLine(CultureInfo.InvariantCulture, $"- {failed.Label} FAILED: {failed.Error}");
        return text.ToString();
    }

    private static (double? Ms, string Text) Cell(IReadOnlyList<StartupResult> results, string label, string step)
    {
        var marks = results.SelectMany(r => r.Runs.Where(run => run.Label == label))
            .Select(run => run.Marks.FirstOrDefault(m => m.Step == step)).OfType<StartupMark>().ToList();
        if (marks.Count == 0) return (null, "-");
        var ms = Median(marks.Select(m => m.Milliseconds));
        var jit = Median(marks.Select(m => m.JitMilliseconds));
        return (ms, jit is { } j ? $"{ms:F0} ({j:F0})" : $"{ms:F0}");
    }

    public static string Render(IReadOnlyList<ExecutableRun> runs, string host)
    {
        var command = ExecutableRuns.CommandLine(host);
        var text = new StringBuilder();
        var repeats = runs.GroupBy(r => r.Label).Max(g => g.Count());
        text.AppendLine(CultureInfo.InvariantCulture, $"### executable end to end (`{command} ...`, in-process sandbox), median of {repeats}");
        text.AppendLine();
        text.AppendLine("| run | wall (ms) | start to first request (ms) | first to last request (ms) | last request to exit (ms) | requests | wall of each run (ms) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var group in runs.GroupBy(r => r.Label))
        {
            var list = group.ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {Median(list.Select(r => r.WallMs)):F0} | {Median(list.Select(r => r.FirstRequestMs)):F0} | {Median(list.Select(r => r.RequestSpanMs)):F0} | " +
                $"{Median(list.Select(r => r.LastRequestToExitMs)):F0} | {list[0].Requests} | {string.Join(", ", list.Select(Detail))} |");
        }
        foreach (var failed in runs.Where(r => r.ExitCode != 0))
            text.AppendLine(CultureInfo.InvariantCulture, $"- {failed.Label}: exit code {failed.ExitCode}");
        return text.ToString();
    }

    /// <summary>A run's wall time, and where an outlier spent it: before the first request, between requests, after the last.</summary>
    private static string Detail(ExecutableRun run) => run.FirstRequestMs is { } first
        ? string.Create(CultureInfo.InvariantCulture, $"{run.WallMs:F0} ({first:F0}+{run.RequestSpanMs:F0}+{run.LastRequestToExitMs:F0})")
        : run.WallMs.ToString("F0", CultureInfo.InvariantCulture);

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        return sorted.Count == 0 ? null : sorted[sorted.Count / 2];
    }

    private static double Median(IEnumerable<double> values) => Median(values.Select(v => (double?)v)) ?? 0;
}
