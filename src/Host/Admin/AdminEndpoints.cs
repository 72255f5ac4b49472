using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Admin;

/// <summary>
/// The admin endpoint's routes: accounts, status, actors, logs, trigger, pause and resume (health probes:
/// Health/HealthProbes). Routes about one account take <c>?account=NAME</c>, which may be left out while the service
/// syncs a single account.
/// </summary>
internal static class AdminEndpoints
{
    public const int DefaultLogLines = 100;
    public const int DefaultActorDepth = 6;

    /// <param name="webhooks">The webhook receiver's counts for <c>/admin/status</c>; null when webhooks are off.</param>
    public static void MapAdmin(
        this IEndpointRouteBuilder app, ServeAccounts accounts, LogRing logs, Func<CancellationToken, Task<Webhooks.WebhookStatusView>>? webhooks = null)
    {
        // With a token configured, AdminAuthentication answers 401 with an Error before any of these runs.
        var admin = app.MapGroup("/admin").WithTags("admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(AdminModels.Error), ["application/json"]));

        admin.MapGet("/accounts", async (CancellationToken cancellationToken) => Results.Ok(await accounts.ListAsync(cancellationToken)))
            .WithName("GetAccounts").WithSummary("Every account configured, with its state, schedule, current and last run, and what is wrong with a refused entry.")
            .Produces<AdminModels.AccountList>();

        admin.MapGet("/status", (string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, async coordinator =>
                    Results.Ok(await coordinator.StatusAsync(cancellationToken) with
                    {
                        Webhooks = webhooks is null ? null : await webhooks(cancellationToken),
                    })))
            .WithName("GetStatus").WithSummary("An account's schedule, current and last run, rate limiter, every stream's progress and, when on, webhook counts.")
            .Produces<AdminModels.Status>().ProducesAccountErrors();

        admin.MapGet("/actors", async (int? depth, CancellationToken cancellationToken) =>
                Results.Ok(new AdminModels.ActorTree(
                    await accounts.LiveActorsAsync(Math.Clamp(depth ?? DefaultActorDepth, 1, 12), cancellationToken))))
            .WithName("GetActors").WithSummary("Paths of the live actors, down to depth levels below /user (1 to 12).")
            .Produces<AdminModels.ActorTree>();

        admin.MapGet("/logs", (int? n) =>
                Results.Ok(new AdminModels.LogLines(logs.Last(Math.Clamp(n ?? DefaultLogLines, 1, logs.Capacity)))))
            .WithName("GetLogs").WithSummary("The newest n log lines, secrets masked.")
            .Produces<AdminModels.LogLines>();

        admin.MapPost("/trigger", (string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, async coordinator =>
                {
                    var (started, run) = await coordinator.TryStartAsync("admin trigger", cancellationToken);
                    if (started)
                        return Results.Json(new AdminModels.TriggerResult(true, $"Run of account {coordinator.AccountId} started.", run),
                            statusCode: StatusCodes.Status202Accepted);
                    var message = run is null
                        ? "The service is shutting down; no run starts."
                        : $"A run of account {coordinator.AccountId} is already going (started {run.StartedAt:u} by {run.Reason}); only one runs at a time.";
                    return Results.Json(new AdminModels.TriggerResult(false, message, run), statusCode: StatusCodes.Status409Conflict);
                }))
            .WithName("Trigger").WithSummary("Start a run of the account now; refused with 409 while one is going.")
            .Produces<AdminModels.TriggerResult>(StatusCodes.Status202Accepted)
            .Produces<AdminModels.TriggerResult>(StatusCodes.Status409Conflict)
            .ProducesAccountErrors();

        admin.MapPost("/streams/{name}/pause", (string name, string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, coordinator => SetPausedAsync(coordinator, name, true, cancellationToken)))
            .WithName("PauseStream").WithSummary("Stop a stream of the account from dispatching new pages, in this run and the next ones.")
            .Produces<AdminModels.PauseResult>().ProducesAccountErrors();
        admin.MapPost("/streams/{name}/resume", (string name, string? account, CancellationToken cancellationToken) =>
                WithAccountAsync(accounts, account, coordinator => SetPausedAsync(coordinator, name, false, cancellationToken)))
            .WithName("ResumeStream").WithSummary("Let a paused stream of the account dispatch pages again.")
            .Produces<AdminModels.PauseResult>().ProducesAccountErrors();
    }

    /// <summary>Runs <paramref name="body"/> with the account asked for, or answers why there is none (400, 404, 409).</summary>
    private static async Task<IResult> WithAccountAsync(ServeAccounts accounts, string? account, Func<RunCoordinator, Task<IResult>> body)
    {
        var (coordinator, statusCode, error) = accounts.Find(account);
        return coordinator is null
            ? Results.Json(new AdminModels.Error(error!), statusCode: statusCode)
            : await body(coordinator);
    }

    private static RouteHandlerBuilder ProducesAccountErrors(this RouteHandlerBuilder route) => route
        .Produces<AdminModels.Error>(StatusCodes.Status400BadRequest)
        .Produces<AdminModels.Error>(StatusCodes.Status404NotFound)
        .Produces<AdminModels.Error>(StatusCodes.Status409Conflict);

    private static async Task<IResult> SetPausedAsync(RunCoordinator coordinator, string name, bool paused, CancellationToken cancellationToken)
    {
        var result = await coordinator.SetPausedAsync(name, paused, cancellationToken);
        return result is null
            ? Results.Json(new AdminModels.Error(
                $"Account {coordinator.AccountId} does not sync a stream named '{name}'. Its streams: {string.Join(", ", coordinator.StreamNames)}."),
                statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(result);
    }
}
