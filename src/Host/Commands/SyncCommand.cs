using System.CommandLine;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Logging;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync sync --config c.json [--destination sqlite:PATH|postgres:CONN] [--streams a,b] [--mode ...]</c>:
/// one run into a database. An interrupted run resumes where it stopped the next time the same account is synced.
/// Exit codes (<see cref="ExitCodes"/>): 0 every stream synced, 1 a stream failed, 2 bad input, 3 another run of the
/// account holds the destination, 130 interrupted.
/// </summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var options = new SyncCommandOptions();
        var command = new Command("sync", "Sync a Paystack account into SQLite or PostgreSQL once, resuming an interrupted run.");
        foreach (var option in options.All) command.Options.Add(option);
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON on stdout instead of progress and a table." };
        command.Options.Add(json);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            SyncCommandInputs inputs;
            try
            {
                inputs = options.Read(parseResult, warning => Console.Error.WriteLine($"paystack-sync sync: warning: {warning}"));
            }
            catch (Exception e) when (SyncCommandOptions.IsBadInput(e))
            {
                await Console.Error.WriteLineAsync($"paystack-sync sync: {e.Message}");
                return ExitCodes.BadInput;
            }

            var request = inputs.Request;
            var logOptions = EngineRuntime.LogOptions(inputs.LogLevel, inputs.LogJson);
            EngineRuntime? runtime = null;
            try
            {
                runtime = await EngineRuntime.StartAsync(inputs.Settings, request.Source.SecretKey, inMemoryJournal: false, logOptions, cancellationToken: cancellationToken);
                var outcome = await SyncRunner.RunAsync(runtime, request, console, cancellationToken, parseResult.GetValue(json));
                return outcome.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (DestinationBusyException busy)
            {
                var queue = request.LeaseWait == TimeSpan.Zero ? "Run again with --wait to queue behind it" : "Give --wait longer";
                await Console.Error.WriteLineAsync(
                    $"paystack-sync sync: {busy.Message}. Nothing was read or written. {queue}, " +
                    "or ask a running serve for a run with `paystack-sync trigger`.");
                return ExitCodes.DestinationBusy;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("paystack-sync sync: interrupted; the next sync resumes from the last durable page.");
                return ExitCodes.Interrupted;
            }
            catch (Exception e)
            {
                // Whatever broke (an unreachable database, a corrupt journal), say it plainly; the journal holds only durable pages.
                await Console.Error.WriteLineAsync($"paystack-sync sync: {SecretRedactor.RedactKnownPatterns(e.Message)}");
                return ExitCodes.Failed;
            }
            finally
            {
                if (runtime is not null) await runtime.DisposeAsync();
            }
        });
        return command;
    }
}
