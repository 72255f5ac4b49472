using System.CommandLine;
using System.CommandLine.Invocation;
using Paystack.Actors.Airbyte.Protocol;

namespace Paystack.Host.Running;

/// <summary>
/// Arguments the parser itself refuses (a missing value, an unknown option): exit 2, bad input, for every verb, where
/// System.CommandLine would exit 1 (a failed run, which systemd restarts) and print the whole help.
/// </summary>
internal static class ArgumentErrors
{
    /// <summary>The Airbyte verbs answer on stdout in the protocol, so the platform shows the reason.</summary>
    private static readonly HashSet<string> ProtocolVerbs = new(StringComparer.Ordinal) { "spec", "check", "discover", "read" };

    /// <summary>Reports the errors and returns 2, or returns null when the parser found none.</summary>
    public static int? Refuse(ParseResult parseResult, Stream stdout, TextWriter error)
    {
        // --help clears parse errors (sync --help without --config must still show the help), so ask what would run.
        if (parseResult.Action is not ParseErrorAction) return null;
        var verb = parseResult.CommandResult.Command == parseResult.RootCommandResult.Command
            ? null
            : parseResult.CommandResult.Command.Name;
        var errors = string.Join(" ", parseResult.Errors.Select(e => e.Message.Trim()));
        var help = verb is null ? "paystack-sync --help" : $"paystack-sync {verb} --help";
        if (verb is not null && ProtocolVerbs.Contains(verb))
        {
            using var writer = new AirbyteMessageWriter(stdout);
            writer.Write(AirbyteMessage.ForError($"paystack-sync {verb}: {errors} See {help}.", FailureType.ConfigError, DateTimeOffset.UtcNow));
        }
        else
        {
            error.WriteLine($"paystack-sync{(verb is null ? "" : " " + verb)}: {errors} See {help}.");
        }
        return ExitCodes.BadInput;
    }
}
