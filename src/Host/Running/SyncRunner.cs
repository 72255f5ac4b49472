using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Sync;
using Spectre.Console;

namespace Paystack.Host.Running;

/// <summary>Runs one sync into a database with live progress, then prints the summary.</summary>
internal static class SyncRunner
{
    /// <param name="json">Print the summary as JSON on stdout, and no progress: the output is for a program.</param>
    public static async Task<SyncOutcome> RunAsync(
        EngineRuntime runtime, SyncRequest request, IAnsiConsole console, CancellationToken cancellationToken, bool json = false)
    {
        var job = SyncJobs.For(request);
        var clientOptions = runtime.Engine.ClientOptionsFor(request.Source);

        await using var destination = DestinationFactory.Create(request.Destination);
        if (json)
        {
            var quiet = await runtime.Engine.RunAsync(job, clientOptions, destination, new SilentObserver(), cancellationToken);
            SummaryJson.Write(Console.Out, quiet);
            return quiet;
        }
        SyncOutcome outcome;
        await using (var progress = new ConsoleProgress(console, request.Streams.Select(s => s.Name), IsTerminal(console)))
        {
            outcome = await runtime.Engine.RunAsync(job, clientOptions, destination, progress, cancellationToken);
        }
        SummaryTable.Write(console, outcome);
        return outcome;
    }

    /// <summary>Progress nobody reads: every report is ignored.</summary>
    private sealed class SilentObserver : ISyncObserver;

    private static bool IsTerminal(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
}
