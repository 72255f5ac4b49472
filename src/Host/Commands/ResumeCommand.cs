using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync resume STREAM</c>: lets a paused stream of a running <c>serve</c> dispatch pages again.</summary>
internal static class ResumeCommand
{
    public static Command Create()
    {
        var stream = new Argument<string>("stream") { Description = "The stream's name, e.g. transactions." };
        var command = new Command("resume", "Resume a paused stream of a running `serve`.") { stream };
        var account = AdminVerb.AccountOption();
        command.Options.Add(account);
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var name = parseResult.GetValue(stream)!;
            var result = await client.PostAsync<AdminModels.PauseResult>(
                $"admin/streams/{Uri.EscapeDataString(name)}/resume{AdminVerb.AccountQuery(parseResult, account)}", cancellationToken);
            await output.PrintAsync(result, PauseResultText.Print);
            return ExitCodes.Success;
        });
        return command;
    }
}
