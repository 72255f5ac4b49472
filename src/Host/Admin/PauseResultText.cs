using Spectre.Console;

namespace Paystack.Host.Admin;

/// <summary>The line <c>pause</c> and <c>resume</c> print for people.</summary>
internal static class PauseResultText
{
    public static void Print(AdminModels.PauseResult result, IAnsiConsole console)
    {
        var where = result.AppliedToRun ? "the running job was told" : "no run is going; it applies from the next run";
        console.MarkupLine($"{(result.Paused ? "[yellow]Paused[/]" : "[green]Resumed[/]")} {Markup.Escape(result.Stream)} ({where}).");
    }
}
