using System.CommandLine;
using System.Net;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync health [--live]</c>: asks a running <c>serve</c> whether it is ready (or live) and exits 0 when it
/// is, 1 with the problems when it is not. The Docker image's HEALTHCHECK runs it: the image has no curl.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var live = new Option<bool>("--live") { Description = "Ask whether serve is live (restart when not) instead of ready." };
        var command = new Command("health", "Tell whether a running `serve` is ready (or live); exit 1 with the problems when not.") { live };
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var probe = parseResult.GetValue(live) ? "healthz/live" : "healthz/ready";
            var health = await client.GetAsync<AdminModels.Health>(probe, cancellationToken, HttpStatusCode.ServiceUnavailable);
            await output.PrintAsync(health, Print);
            return health.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(AdminModels.Health health, IAnsiConsole console)
    {
        console.MarkupLine(health.Problems.Count == 0 ? $"[green]{Markup.Escape(health.Status)}[/]" : $"[red]{Markup.Escape(health.Status)}[/]");
        foreach (var problem in health.Problems)
            console.MarkupLine($"  {Markup.Escape(problem)}");
    }
}
