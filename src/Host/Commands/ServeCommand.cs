using System.CommandLine;
using Paystack.Actors.Cluster;
using Paystack.Actors.Logging;
using Paystack.Host.Running;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync serve --config FILE --destination SPEC --every 15m</c>: runs syncs on a schedule until SIGTERM, with
/// an admin endpoint (health, status, actors, logs, trigger, pause/resume, Prometheus metrics). It takes every option
/// of <c>sync</c>, declared once in <see cref="SyncCommandOptions"/>.
/// Exit codes (<see cref="ExitCodes"/>): 0 stopped, 1 the admin address is taken or the journal cannot be opened, 2 bad input.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var options = new ServeCommandOptions();
        var command = new Command("serve", "Run syncs on a schedule as a service, with an admin endpoint and Prometheus metrics.");
        foreach (var option in options.All) command.Options.Add(option);
        var cluster = new ClusterCommandOptions();
        foreach (var option in cluster.All) command.Options.Add(option);

        // Synchronous on purpose: the Generic Host handles SIGTERM itself and needs longer than the parser's 2 s grace to stop a run.
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            ServeOptions serve;
            ClusterOptions? node;
            try
            {
                serve = options.Read(parseResult, warning => error.WriteLine($"paystack-sync serve: warning: {warning}"));
                node = cluster.Read(parseResult, serve);
            }
            catch (Exception invalid) when (SyncCommandOptions.IsBadInput(invalid))
            {
                error.WriteLine($"paystack-sync serve: {invalid.Message}");
                return ExitCodes.BadInput;
            }
            return node is null
                ? RunAsync(serve, error).GetAwaiter().GetResult()
                : ClusterServeCommand.RunAsync(serve, node, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, TextWriter error)
    {
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(options);
        }
        catch (Exception invalid) when (SyncCommandOptions.IsBadInput(invalid))
        {
            await error.WriteLineAsync($"paystack-sync serve: {invalid.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException bindFailure)
        {
            await error.WriteLineAsync($"paystack-sync serve: cannot listen on the admin address: {bindFailure.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception failure)
        {
            // A journal that cannot be opened, say: one line, as sync reports it, rather than an unhandled exception.
            await error.WriteLineAsync($"paystack-sync serve: {SecretRedactor.RedactKnownPatterns(failure.Message)}");
            return ExitCodes.Failed;
        }

        await using (host)
            await host.WaitForShutdownAsync();
        return ExitCodes.Success;
    }
}
