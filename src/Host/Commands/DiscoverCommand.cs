using System.CommandLine;
using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Host.Airbyte;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync discover --config FILE</c>: prints the Airbyte catalog of every stream with its JSON schema.</summary>
internal static class DiscoverCommand
{
    public static Command Create()
    {
        var config = AirbyteCommandOptions.Config();
        var command = new Command("discover", "Print the Airbyte catalog: every Paystack stream, its schema, cursor and primary key.")
        {
            config,
        };
        command.SetAction(parseResult =>
        {
            using var output = ProtocolOutput.OpenStdout();
            try
            {
                // Discovery needs no request, but a config that could never sync is reported now, not at read time.
                SourceConfigReader.Load(parseResult.GetValue(config) ?? "", warn: output.Warn);
                output.Write(AirbyteMessage.ForCatalog(DiscoveredCatalog.Build()));
                return 0;
            }
            catch (AirbyteConfigException e)
            {
                return output.ConfigError(e.Message);
            }
            catch (Exception e)
            {
                return output.SystemError(e);
            }
        });
        return command;
    }
}
