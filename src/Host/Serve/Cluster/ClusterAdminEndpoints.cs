using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paystack.Actors.Cluster;
using Paystack.Host.Admin;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// The admin routes of a cluster node. Accounts, status, trigger, pause and resume take <c>?account=NAME</c> and go
/// through the shard region to the account's entity, wherever it lives; <c>/admin/cluster</c> lists the members, which
/// accounts each owns, and lets an operator make a member leave or down it.
/// </summary>
internal static class ClusterAdminEndpoints
{
    public static void MapClusterAdmin(this IEndpointRouteBuilder app, ClusterAccounts accounts, ActorSystem system, LogRing logs)
    {
        var admin = app.MapGroup("/admin").WithTags("admin");
        admin.MapGet("/accounts", async (CancellationToken cancellationToken) => Results.Ok(await accounts.ListAsync(cancellationToken)))
            .WithName("GetAccounts").WithSummary("Every account configured, with its state, its owner, its current and last run.");

        admin.MapGet("/status", (string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, async name => Results.Ok(await accounts.StatusOfAsync(name, cancellationToken))))
            .WithName("GetStatus").WithSummary("An account's state, owner, schedule, current and last run, paused streams, rate limiter and the run's streams.");

        admin.MapGet("/logs", (int? n) => Results.Ok(new AdminModels.LogLines(logs.Last(Math.Clamp(n ?? 200, 1, 2000)))))
            .WithName("GetLogs").WithSummary("This node's last log lines.");

        admin.MapPost("/trigger", (string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, async name =>
                    await accounts.AskAsync(new AccountCommands.StartRun(name, "admin trigger"), cancellationToken) switch
                    {
                        AccountReplies.RunAccepted accepted => Results.Json(new AdminModels.TriggerResult(true,
                                $"Run of account {name} started on {accepted.Node}.",
                                ClusterAccounts.Run(new AccountReplies.RunView(accepted.Reason, accepted.StartedAt, null))),
                            statusCode: StatusCodes.Status202Accepted),
                        AccountReplies.RunRefused { Going: { } going } => Results.Json(new AdminModels.TriggerResult(false,
                                $"A run of account {name} is already going (started {going.StartedAt:u} by {going.Reason}); only one runs at a time.",
                                ClusterAccounts.Run(going)),
                            statusCode: StatusCodes.Status409Conflict),
                        AccountReplies.RunRefused refused => Results.Json(new AdminModels.Error(refused.Error ?? $"Account {name} is stopping."),
                            statusCode: StatusCodes.Status409Conflict),
                        var other => Results.Problem($"Unexpected answer {other.GetType().Name}"),
                    }))
            .WithName("Trigger").WithSummary("Start a run of the account now, on the member that owns it; refused with 409 while one is going.");

        admin.MapPost("/streams/{stream}/pause", (string stream, string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, name => SetPausedAsync(accounts, name, stream, true, cancellationToken)))
            .WithName("PauseStream").WithSummary("Stop a stream of the account from dispatching new pages, in this run and the next ones.");
        admin.MapPost("/streams/{stream}/resume", (string stream, string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, name => SetPausedAsync(accounts, name, stream, false, cancellationToken)))
            .WithName("ResumeStream").WithSummary("Let a paused stream of the account dispatch pages again.");

        admin.MapGet("/cluster", async (CancellationToken cancellationToken) => Results.Ok(await MembersAsync(accounts, system, cancellationToken)))
            .WithName("GetCluster").WithSummary("The cluster's members, their state and reachability, and the accounts each owns.");
        admin.MapPost("/cluster/leave", (string address) => MemberAction(system, address, "leave"))
            .WithName("LeaveCluster").WithSummary("The member leaves gracefully: it hands its accounts over, then stops.");
        admin.MapPost("/cluster/down", (string address) => MemberAction(system, address, "down"))
            .WithName("DownMember").WithSummary("Declare an unreachable member dead now, without waiting for the Split Brain Resolver; its accounts move.");
    }

    private static async Task<IResult> WithAccountAsync(ClusterAccounts accounts, string? account, Func<string, Task<IResult>> body)
    {
        if (string.IsNullOrEmpty(account))
            return Results.Json(new AdminModels.Error($"Name the account with ?account=NAME (--account NAME): {accounts.Names}."),
                statusCode: StatusCodes.Status400BadRequest);
        if (!accounts.Serves(account))
            return Results.Json(new AdminModels.Error(accounts.ProblemOf(account) is { } problem
                    ? $"Account {account} is not served: {problem}"
                    : $"The cluster syncs no account named '{account}'. Its accounts: {accounts.Names}."),
                statusCode: StatusCodes.Status404NotFound);
        try
        {
            return await body(account);
        }
        catch (AskTimeoutException)
        {
            return Results.Json(new AdminModels.Error($"Account {account}'s entity did not answer within {ClusterAccounts.AskTimeout.TotalSeconds:0} s: its shard may be moving; try again."),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> SetPausedAsync(ClusterAccounts accounts, string name, string stream, bool paused, CancellationToken cancellationToken)
    {
        var set = (AccountReplies.PauseSet)await accounts.AskAsync(new AccountCommands.SetPaused(name, stream, paused), cancellationToken);
        return set.Known
            ? Results.Ok(new AdminModels.PauseResult(stream, paused, set.AppliedToRun))
            : Results.Json(new AdminModels.Error($"Account {name} does not sync a stream named '{stream}'."), statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<ClusterModels.Members> MembersAsync(ClusterAccounts accounts, ActorSystem system, CancellationToken cancellationToken)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var state = cluster.State;
        var owners = (await accounts.ListAsync(cancellationToken)).Accounts
            .Where(a => a.Node is not null)
            .ToLookup(a => a.Node!, a => a.Name, StringComparer.Ordinal);
        var members = state.Members
            .Select(m => new ClusterModels.Member(
                m.Address.ToString(), m.Status.ToString(), !state.Unreachable.Contains(m), [.. owners[m.Address.ToString()]]))
            .ToList();
        return new ClusterModels.Members(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members);
    }

    private static IResult MemberAction(ActorSystem system, string address, string action)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var member = cluster.State.Members.FirstOrDefault(m => m.Address.ToString() == address
                                                              || $"{m.Address.Host}:{m.Address.Port}" == address);
        if (member is null)
            return Results.Json(new AdminModels.Error($"No member at '{address}'. Members: {string.Join(", ", cluster.State.Members.Select(m => m.Address))}."),
                statusCode: StatusCodes.Status404NotFound);
        if (action == "leave") cluster.Leave(member.Address);
        else cluster.Down(member.Address);
        return Results.Ok(new ClusterModels.MemberAction(member.Address.ToString(), action,
            action == "leave" ? $"{member.Address} is leaving: its accounts move to the other members." : $"{member.Address} is downed: its accounts move to the other members."));
    }
}
