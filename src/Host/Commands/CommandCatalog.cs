using System.CommandLine;

namespace Paystack.Host.Commands;

/// <summary>Every verb of the executable, one file per verb in this folder.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        DemoCommand.Create(),
        SyncCommand.Create(),
        ConfigCommand.Create(),
        SandboxCommand.Create(),
        SpecCommand.Create(),
        CheckCommand.Create(),
        DiscoverCommand.Create(),
        ReadCommand.Create(),
        ServeCommand.Create(),
        StatusCommand.Create(),
        HealthCommand.Create(),
        ActorsCommand.Create(),
        LogsCommand.Create(),
        TriggerCommand.Create(),
        PauseCommand.Create(),
        ResumeCommand.Create(),
        ClusterCommand.Create(),
    ];
}
