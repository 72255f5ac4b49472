using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Sync;
using Spectre.Console;

namespace Paystack.Host.Running;

/// <summary>Runs one sync into a database with live progress, then prints the summary.</summary>
internal static class SyncRunner
{
    public static async Task<SyncOutcome> RunAsync(EngineRuntime runtime, SyncRequest request, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var job = SyncJobs.For(request);
        var clientOptions = runtime.Engine.ClientOptionsFor(request.Source);

        await using var destination = DestinationFactory.Create(request.Destination);
        SyncOutcome outcome;
        await using (var progress = new ConsoleProgress(console, request.Streams.Select(s => s.Name), IsTerminal(console)))
        {
            outcome = await runtime.Engine.RunAsync(job, clientOptions, destination, progress, cancellationToken);
        }
        SummaryTable.Write(console, outcome);
        return outcome;
    }

    private static bool IsTerminal(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
}
