using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync pause STREAM</c>: stops a stream of a running <c>serve</c> from dispatching new pages, in this run and the next ones.</summary>
internal static class PauseCommand
{
    public static Command Create()
    {
        var stream = new Argument<string>("stream") { Description = "The stream's name, e.g. transactions." };
        var command = new Command("pause", "Pause a stream of a running `serve` (pages in flight finish; later runs start it paused).") { stream };
        var account = AdminVerb.AccountOption();
        command.Options.Add(account);
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var name = parseResult.GetValue(stream)!;
            var result = await client.PostAsync<AdminModels.PauseResult>(
                $"admin/streams/{Uri.EscapeDataString(name)}/pause{AdminVerb.AccountQuery(parseResult, account)}", cancellationToken);
            await output.PrintAsync(result, PauseResultText.Print);
            return ExitCodes.Success;
        });
        return command;
    }
}
