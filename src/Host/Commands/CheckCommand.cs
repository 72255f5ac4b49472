using System.CommandLine;
using Paystack.Actors.Airbyte.Check;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Host.Airbyte;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync check --config FILE</c>: tells whether the config can reach Paystack. The answer is always a
/// CONNECTION_STATUS message and exit code 0, also for a config that cannot be read, as Airbyte expects.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = AirbyteCommandOptions.Config();
        var command = new Command("check", "Check that the config is valid and that Paystack accepts its secret key.")
        {
            config,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var output = ProtocolOutput.OpenStdout();
            SourceConfig source;
            try
            {
                source = SourceConfigReader.Load(parseResult.GetValue(config) ?? "", warn: output.Warn);
            }
            catch (AirbyteConfigException e)
            {
                output.Error(e.Message);
                output.Write(AirbyteMessage.ForConnectionStatus(AirbyteConnectionStatus.Failed(e.Message)));
                return 0;
            }

            try
            {
                output.Redactor.Register(source.SecretKey);
                output.Info($"Checking {source}");
                using var client = SourceClientFactory.ForCheck(source);
                var status = await new ConnectionCheck(client).RunAsync(source, cancellationToken);
                if (status.Message is { } reason)
                    output.Error(reason);
                output.Write(AirbyteMessage.ForConnectionStatus(status));
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return output.SystemError(e, source.SecretKey);
            }
        });
        return command;
    }
}
