using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary><c>paystack-sync actors</c>: the live actor hierarchy of a running <c>serve</c>, as a tree.</summary>
internal static class ActorsCommand
{
    public static Command Create()
    {
        var depth = new Option<int>("--depth")
        {
            Description = "How many levels below /user to walk.",
            DefaultValueFactory = _ => AdminEndpoints.DefaultActorDepth,
        };
        var command = new Command("actors", "Show the live actor hierarchy of a running `serve`.") { depth };
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var tree = await client.GetAsync<AdminModels.ActorTree>($"admin/actors?depth={parseResult.GetValue(depth)}", cancellationToken);
            await output.PrintAsync(tree, Print);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(AdminModels.ActorTree tree, IAnsiConsole console)
    {
        var root = new Tree("[bold]/user[/]");
        var nodes = new Dictionary<string, IHasTreeNodes>(StringComparer.Ordinal) { ["/user"] = root };
        foreach (var path in tree.Actors.OrderBy(p => p, StringComparer.Ordinal))
        {
            var parent = path[..path.LastIndexOf('/')];
            var owner = nodes.TryGetValue(parent, out var found) ? found : root;
            nodes[path] = owner.AddNode(Markup.Escape(path[(path.LastIndexOf('/') + 1)..]));
        }
        console.Write(root);
        console.MarkupLine($"[grey]{tree.Actors.Count} actors[/]");
    }
}
