using Paystack.Actors.Cluster;
using Paystack.Actors.Logging;
using Paystack.Host.Running;

namespace Paystack.Host.Serve.Cluster;

/// <summary>Runs <c>serve --cluster</c> until SIGTERM, with serve's exit codes: 0 stopped, 1 cannot start or downed, 2 bad input.</summary>
internal static class ClusterServeCommand
{
    public static async Task<int> RunAsync(ServeOptions options, ClusterOptions cluster, TextWriter error)
    {
        ClusterServeHost host;
        try
        {
            host = await ClusterServeHost.StartAsync(options, cluster);
        }
        catch (Exception invalid) when (SyncCommandOptions.IsBadInput(invalid))
        {
            await error.WriteLineAsync($"paystack-sync serve: {invalid.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException bindFailure)
        {
            await error.WriteLineAsync($"paystack-sync serve: cannot listen on the admin address or the cluster port: {bindFailure.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception failure)
        {
            await error.WriteLineAsync($"paystack-sync serve: {SecretRedactor.RedactKnownPatterns(failure.Message)}");
            return ExitCodes.Failed;
        }

        bool downed;
        await using (host)
            downed = await host.WaitForShutdownAsync();
        // A downed member exits with 1, so a supervisor (systemd's Restart=on-failure) starts it again to rejoin.
        return downed ? ExitCodes.Failed : ExitCodes.Success;
    }
}
