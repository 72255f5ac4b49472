using System.CommandLine;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Host.Airbyte;
using Paystack.Host.Running;
using Serilog.Events;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync read --config FILE --catalog FILE [--state FILE]</c>: the Airbyte read. Stdout carries only
/// protocol messages (RECORD, STATE, TRACE, and the logs as LOG). Bad input is one config_error trace and exit 2;
/// exit codes as <see cref="ExitCodes"/>.
/// </summary>
internal static class ReadCommand
{
    public static Command Create()
    {
        var config = AirbyteCommandOptions.Config();
        var catalog = AirbyteCommandOptions.Catalog();
        var state = AirbyteCommandOptions.State();
        var hocon = new Option<string?>("--hocon")
        {
            Description = "A HOCON file whose paystack-sync settings override the defaults (rate limits, windows, fetchers).",
            HelpName = "FILE",
        };
        var logLevel = new Option<string?>("--log-level")
        {
            Description = "Least level logged (as LOG messages): verbose, debug, information (default), warning, error.",
            HelpName = "LEVEL",
        };
        var command = new Command("read", "Read the configured streams and print Airbyte RECORD, STATE and TRACE messages.")
        {
            config, catalog, state, hocon, logLevel,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var output = ProtocolOutput.OpenStdout();
            ReadInputs inputs;
            LogEventLevel level;
            try
            {
                level = SyncCommandOptions.ParseLogLevel(parseResult.GetValue(logLevel) ?? "information");
            }
            catch (ArgumentException e)
            {
                return output.ConfigError(e.Message);
            }

            try
            {
                inputs = ReadInputs.Load(parseResult.GetValue(config), parseResult.GetValue(catalog),
                    parseResult.GetValue(state), parseResult.GetValue(hocon), output.Warn);
                output.Redactor.Register(inputs.Source.SecretKey);
            }
            catch (AirbyteConfigException e)
            {
                return output.ConfigError(e.Message);
            }

            try
            {
                return await ReadRunner.RunAsync(inputs, output, level, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.Error("The read was cancelled before every stream finished.");
                output.Write(AirbyteMessage.ForError("The read was cancelled before every stream finished.", FailureType.TransientError, output.Now));
                return ExitCodes.Interrupted;
            }
            catch (Exception e)
            {
                return output.SystemError(e, inputs.Source.SecretKey);
            }
        });
        return command;
    }
}
