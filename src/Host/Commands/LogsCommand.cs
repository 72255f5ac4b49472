using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync logs [-n N]</c>: the last log lines of a running <c>serve</c> (already redacted there).</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var lines = new Option<int>("--lines", "-n")
        {
            Description = "How many of the newest lines to show.",
            DefaultValueFactory = _ => AdminEndpoints.DefaultLogLines,
        };
        var command = new Command("logs", "Show the newest log lines of a running `serve`.") { lines };
        AdminVerb.SetAction(command, async (parseResult, client, admin, cancellationToken) =>
        {
            var logs = await client.GetAsync<AdminModels.LogLines>($"admin/logs?n={parseResult.GetValue(lines)}", cancellationToken);
            if (admin.Json)
            {
                await admin.JsonAsync(logs);
                return ExitCodes.Success;
            }
            var output = parseResult.InvocationConfiguration.Output;
            // Plain text on purpose: log lines may hold brackets that a markup renderer would read as styles.
            foreach (var line in logs.Lines)
                await output.WriteLineAsync(line);
            return ExitCodes.Success;
        });
        return command;
    }
}
