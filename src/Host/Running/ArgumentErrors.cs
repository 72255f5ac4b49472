using System.CommandLine;
using System.CommandLine.Invocation;

namespace Paystack.Host.Running;

/// <summary>
/// Arguments the parser itself refuses (a missing value, an unknown option) for the verbs whose exit codes promise 2
/// for bad input: System.CommandLine would exit 1, which for <c>sync</c> means a stream failed, and print the whole help.
/// </summary>
internal static class ArgumentErrors
{
    private static readonly HashSet<string> BadInputVerbs = new(StringComparer.Ordinal) { "sync", "serve" };

    /// <summary>Writes one line naming the errors and returns 2, or returns null when the parser found none or another verb runs.</summary>
    public static int? Refuse(ParseResult parseResult, TextWriter error)
    {
        // --help clears parse errors (sync --help without --config must still show the help), so ask what would run.
        if (parseResult.Action is not ParseErrorAction) return null;
        var verb = parseResult.CommandResult.Command.Name;
        if (!BadInputVerbs.Contains(verb)) return null;
        var errors = string.Join(" ", parseResult.Errors.Select(e => e.Message.Trim()));
        error.WriteLine($"paystack-sync {verb}: {errors} See paystack-sync {verb} --help.");
        return 2;
    }
}
