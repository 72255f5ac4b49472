using System.CommandLine;
using Paystack.Actors.Configuration;
using Paystack.Host.Running;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync config [--hocon FILE]</c>: prints the effective paystack-sync settings (defaults, user file and
/// PAYSTACK_SYNC__ variables merged) as HOCON with secrets masked; exit code 2 and the problems when they are invalid.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var hocon = new Option<FileInfo>("--hocon")
        {
            Description = "A HOCON file whose paystack-sync settings override the defaults (environment variables override both).",
            HelpName = "FILE",
        };
        var command = new Command("config", "Print the effective paystack-sync configuration as HOCON, secrets masked.") { hocon };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var loaded = SyncSettingsLoader.Load(parseResult.GetValue(hocon)?.FullName);
                output.Write(SyncConfigRenderer.Render(loaded.Config));
                return 0;
            }
            catch (SyncConfigurationException invalid)
            {
                error.WriteLine(invalid.Message);
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
