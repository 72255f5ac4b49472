using Paystack.Actors.Sync;
using Spectre.Console;

namespace Paystack.Host.Running;

/// <summary>The table printed when a sync ends: one row per stream and a total.</summary>
internal static class SummaryTable
{
    public static void Write(IAnsiConsole console, SyncOutcome outcome)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("stream").NoWrap())
            .AddColumn(new TableColumn("records").RightAligned()).AddColumn(new TableColumn("pages").RightAligned())
            .AddColumn(new TableColumn("requests").RightAligned()).AddColumn(new TableColumn("retries").RightAligned())
            .AddColumn(new TableColumn("429s").RightAligned()).AddColumn(new TableColumn("time").RightAligned());
        foreach (var s in outcome.Streams)
        {
            table.AddRow(
                s.Succeeded ? $"[green]{Markup.Escape(s.Stream)}[/]" : $"[red]{Markup.Escape(s.Stream)} (failed)[/]",
                $"{s.Stats.Records:N0}", $"{s.Stats.Pages:N0}", $"{s.Stats.Requests:N0}", $"{s.Stats.Retries:N0}",
                $"{s.Stats.RateLimited:N0}", $"{s.Duration.TotalSeconds:F1} s");
        }
        var records = outcome.Streams.Sum(s => s.Stats.Records);
        table.AddRow("[bold]total[/]",
            $"[bold]{records:N0}[/]", $"{outcome.Streams.Sum(s => s.Stats.Pages):N0}", $"{outcome.Streams.Sum(s => s.Stats.Requests):N0}",
            $"{outcome.Streams.Sum(s => s.Stats.Retries):N0}", $"{outcome.Streams.Sum(s => s.Stats.RateLimited):N0}",
            $"{outcome.Duration.TotalSeconds:F1} s");
        console.Write(table);
        console.MarkupLineInterpolated($"[grey]run {outcome.RunId}[/]");
        foreach (var failed in outcome.Streams.Where(s => !s.Succeeded))
            console.MarkupLineInterpolated($"[red]{failed.Stream}[/]: {failed.Error}");
    }
}
