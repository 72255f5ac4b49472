using System.CommandLine;
using System.Net;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync trigger</c>: asks a running <c>serve</c> to start a run now.</summary>
internal static class TriggerCommand
{
    public static Command Create()
    {
        var command = new Command("trigger", "Start a run of a running `serve` now (refused while one is going).");
        var account = AdminVerb.AccountOption();
        command.Options.Add(account);
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var result = await client.PostAsync<AdminModels.TriggerResult>(
                $"admin/trigger{AdminVerb.AccountQuery(parseResult, account)}", cancellationToken, HttpStatusCode.Conflict);
            await output.PrintAsync(result, (r, console) =>
                console.MarkupLine(r.Started ? $"[green]{Markup.Escape(r.Message)}[/]" : $"[yellow]{Markup.Escape(r.Message)}[/]"));
            return result.Started ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
