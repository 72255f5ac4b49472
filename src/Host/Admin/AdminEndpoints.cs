using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paystack.Host.Serve;

namespace Paystack.Host.Admin;

/// <summary>The admin endpoint's routes: status, actors, logs, trigger, pause and resume (health probes: Health/HealthProbes).</summary>
internal static class AdminEndpoints
{
    public const int DefaultLogLines = 100;
    public const int DefaultActorDepth = 6;

    /// <param name="webhooks">The webhook receiver's counts for <c>/admin/status</c>; null when webhooks are off.</param>
    public static void MapAdmin(
        this IEndpointRouteBuilder app, RunCoordinator coordinator, LogRing logs, Func<CancellationToken, Task<Webhooks.WebhookStatusView>>? webhooks = null)
    {
        // With a token configured, AdminAuthentication answers 401 with an Error before any of these runs.
        var admin = app.MapGroup("/admin").WithTags("admin")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(AdminModels.Error), ["application/json"]));

        admin.MapGet("/status", async (CancellationToken cancellationToken) =>
                Results.Ok(await coordinator.StatusAsync(cancellationToken) with
                {
                    Webhooks = webhooks is null ? null : await webhooks(cancellationToken),
                }))
            .WithName("GetStatus").WithSummary("Schedule, current and last run, rate limiter, every stream's progress and, when on, webhook counts.")
            .Produces<AdminModels.Status>();

        admin.MapGet("/actors", async (int? depth, CancellationToken cancellationToken) =>
                Results.Ok(new AdminModels.ActorTree(
                    await coordinator.LiveActorsAsync(Math.Clamp(depth ?? DefaultActorDepth, 1, 12), cancellationToken))))
            .WithName("GetActors").WithSummary("Paths of the live actors, down to depth levels below /user (1 to 12).")
            .Produces<AdminModels.ActorTree>();

        admin.MapGet("/logs", (int? n) =>
                Results.Ok(new AdminModels.LogLines(logs.Last(Math.Clamp(n ?? DefaultLogLines, 1, logs.Capacity)))))
            .WithName("GetLogs").WithSummary("The newest n log lines, secrets masked.")
            .Produces<AdminModels.LogLines>();

        admin.MapPost("/trigger", async (CancellationToken cancellationToken) =>
        {
            var (started, run) = await coordinator.TryStartAsync("admin trigger", cancellationToken);
            if (started)
                return Results.Json(new AdminModels.TriggerResult(true, "Run started.", run), statusCode: StatusCodes.Status202Accepted);
            var message = run is null
                ? "The service is shutting down; no run starts."
                : $"A run is already going (started {run.StartedAt:u} by {run.Reason}); only one runs at a time.";
            return Results.Json(new AdminModels.TriggerResult(false, message, run), statusCode: StatusCodes.Status409Conflict);
        })
            .WithName("Trigger").WithSummary("Start a run now; refused with 409 while one is going.")
            .Produces<AdminModels.TriggerResult>(StatusCodes.Status202Accepted)
            .Produces<AdminModels.TriggerResult>(StatusCodes.Status409Conflict);

        admin.MapPost("/streams/{name}/pause", (string name, CancellationToken cancellationToken) =>
                SetPausedAsync(coordinator, name, true, cancellationToken))
            .WithName("PauseStream").WithSummary("Stop a stream from dispatching new pages, in this run and the next ones.")
            .Produces<AdminModels.PauseResult>().Produces<AdminModels.Error>(StatusCodes.Status404NotFound);
        admin.MapPost("/streams/{name}/resume", (string name, CancellationToken cancellationToken) =>
                SetPausedAsync(coordinator, name, false, cancellationToken))
            .WithName("ResumeStream").WithSummary("Let a paused stream dispatch pages again.")
            .Produces<AdminModels.PauseResult>().Produces<AdminModels.Error>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SetPausedAsync(RunCoordinator coordinator, string name, bool paused, CancellationToken cancellationToken)
    {
        var result = await coordinator.SetPausedAsync(name, paused, cancellationToken);
        return result is null
            ? Results.Json(new AdminModels.Error(
                $"This service does not sync a stream named '{name}'. Its streams: {string.Join(", ", coordinator.StreamNames)}."),
                statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(result);
    }
}
