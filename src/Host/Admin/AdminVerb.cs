using System.CommandLine;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Admin;

/// <summary>What the inspection verbs share: <c>--admin-url</c>, <c>--admin-token</c>, <c>--json</c>, error handling and the console.</summary>
internal static class AdminVerb
{
    public const string UrlEnvironmentVariable = "PAYSTACK_SYNC_ADMIN_URL";

    public static Option<string> UrlOption() => new("--admin-url")
    {
        Description = $"Address of the running serve's admin endpoint (default: env {UrlEnvironmentVariable} or {AdminBinding.DefaultUrl}).",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlEnvironmentVariable) is { Length: > 0 } url ? url : AdminBinding.DefaultUrl,
    };

    public static Option<string?> TokenOption() => new("--admin-token")
    {
        Description = $"Bearer token of the admin endpoint (default: env {AdminBinding.TokenEnvironmentVariable}).",
        HelpName = "TOKEN",
    };

    /// <summary><c>--account NAME</c>, for the verbs about one account; optional while the service syncs one account.</summary>
    public static Option<string?> AccountOption() => new("--account")
    {
        Description = "The account, by its name in the accounts file (optional when the service syncs one account).",
        HelpName = "NAME",
    };

    /// <summary>The query string that names the account given with <paramref name="account"/>, or nothing.</summary>
    public static string AccountQuery(ParseResult parseResult, Option<string?> account) =>
        parseResult.GetValue(account) is { Length: > 0 } name ? $"?account={Uri.EscapeDataString(name)}" : "";

    /// <summary>Adds the shared options to <paramref name="command"/> and runs <paramref name="body"/> with a client and a console.</summary>
    public static void SetAction(Command command, Func<ParseResult, AdminClient, AdminOutput, CancellationToken, Task<int>> body)
    {
        var url = UrlOption();
        var token = TokenOption();
        var json = new Option<bool>("--json") { Description = "Print the admin endpoint's answer as JSON instead of tables." };
        command.Options.Add(url);
        command.Options.Add(token);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                using var client = new AdminClient(
                    parseResult.GetValue(url)!,
                    parseResult.GetValue(token) ?? Environment.GetEnvironmentVariable(AdminBinding.TokenEnvironmentVariable));
                return await body(parseResult, client, new AdminOutput(Console(output), output, parseResult.GetValue(json)), cancellationToken);
            }
            catch (AdminClientException failure)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"{command.Name}: {failure.Message}");
                return ExitCodes.Failed;
            }
        });
    }

    /// <summary>A Spectre console on the verb's output; wide enough for the status table when the output is not a terminal.</summary>
    private static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
        });
        if (System.Console.IsOutputRedirected || output != System.Console.Out) console.Profile.Width = 200;
        return console;
    }
}
