using System.CommandLine;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Spec;
using Paystack.Host.Airbyte;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync spec</c>: prints the Airbyte connector specification.</summary>
internal static class SpecCommand
{
    public static Command Create()
    {
        var command = new Command("spec", "Print the Airbyte connector specification (the config file's JSON schema).");
        command.SetAction(_ =>
        {
            using var output = ProtocolOutput.OpenStdout();
            output.Write(AirbyteMessage.ForSpec(SourceSpecification.Build()));
            return 0;
        });
        return command;
    }
}
