using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Paystack.Host.Serve.Cluster;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync cluster</c>: the members of a <c>serve --cluster</c> cluster, their state and the accounts each owns;
/// <c>cluster leave ADDRESS</c> and <c>cluster down ADDRESS</c> act on one member.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", "Show the members of a `serve --cluster` cluster and the accounts each owns; make one leave or down it.");
        AdminVerb.SetAction(command, async (_, client, output, cancellationToken) =>
        {
            await output.PrintAsync(await client.GetAsync<ClusterModels.Members>("admin/cluster", cancellationToken), Print);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(MemberAction("leave", "Make a member leave the cluster gracefully: its accounts move to the others, then it stops."));
        command.Subcommands.Add(MemberAction("down", "Declare an unreachable member dead now, without waiting for the Split Brain Resolver: its accounts move."));
        return command;
    }

    private static Command MemberAction(string action, string description)
    {
        var command = new Command(action, description);
        var address = new Argument<string>("address") { Description = "The member, as host:port or akka.tcp://paystack-sync@host:port." };
        command.Arguments.Add(address);
        AdminVerb.SetAction(command, async (parseResult, client, output, cancellationToken) =>
        {
            var result = await client.PostAsync<ClusterModels.MemberAction>(
                $"admin/cluster/{action}?address={Uri.EscapeDataString(parseResult.GetValue(address)!)}", cancellationToken);
            await output.PrintAsync(result, (r, console) => console.MarkupLine($"[green]{Markup.Escape(r.Message)}[/]"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(ClusterModels.Members members, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "Member", "Status", "Reachable", "Accounts" }) table.AddColumn(column);
        foreach (var m in members.All)
            table.AddRow(
                Markup.Escape(m.Address) + (m.Address == members.Self ? " (this)" : "") + (m.Address == members.Leader ? " (leader)" : ""),
                m.Status == "Up" ? "[green]Up[/]" : $"[yellow]{Markup.Escape(m.Status)}[/]",
                m.Reachable ? "yes" : "[red]no[/]",
                Markup.Escape(m.Accounts.Count == 0 ? "-" : $"{m.Accounts.Count}: {string.Join(", ", m.Accounts)}"));
        console.Write(table);
    }
}
