using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paystack.Actors.Configuration;
using Paystack.Host.Serve;

namespace Paystack.Host.Admin;

/// <summary>The admin endpoint's routes: health probes, status, actors, logs, trigger, pause and resume.</summary>
internal static class AdminEndpoints
{
    public const int DefaultLogLines = 100;
    public const int DefaultActorDepth = 6;

    public static void MapAdmin(this IEndpointRouteBuilder app, RunCoordinator coordinator, LogRing logs, PersistenceSettings persistence)
    {
        app.MapGet("/healthz/live", () => Results.Ok(new AdminModels.Health("live", [])));

        app.MapGet("/healthz/ready", async (CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            if (coordinator.System.WhenTerminated.IsCompleted) problems.Add("the actor system has stopped");
            if (await JournalProbe.CheckAsync(persistence, cancellationToken) is { } journal) problems.Add(journal);
            problems.AddRange(await coordinator.ProblemsAsync(cancellationToken));
            return problems.Count == 0
                ? Results.Ok(new AdminModels.Health("ready", []))
                : Results.Json(new AdminModels.Health("not ready", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/admin/status", async (CancellationToken cancellationToken) =>
            Results.Ok(await coordinator.StatusAsync(cancellationToken)));

        app.MapGet("/admin/actors", async (int? depth, CancellationToken cancellationToken) =>
            Results.Ok(new AdminModels.ActorTree(
                await coordinator.LiveActorsAsync(Math.Clamp(depth ?? DefaultActorDepth, 1, 12), cancellationToken))));

        app.MapGet("/admin/logs", (int? n) =>
            Results.Ok(new AdminModels.LogLines(logs.Last(Math.Clamp(n ?? DefaultLogLines, 1, logs.Capacity)))));

        app.MapPost("/admin/trigger", async (CancellationToken cancellationToken) =>
        {
            var (started, run) = await coordinator.TryStartAsync("admin trigger", cancellationToken);
            if (started)
                return Results.Json(new AdminModels.TriggerResult(true, "Run started.", run), statusCode: StatusCodes.Status202Accepted);
            var message = run is null
                ? "The service is shutting down; no run starts."
                : $"A run is already going (started {run.StartedAt:u} by {run.Reason}); only one runs at a time.";
            return Results.Json(new AdminModels.TriggerResult(false, message, run), statusCode: StatusCodes.Status409Conflict);
        });

        app.MapPost("/admin/streams/{name}/pause", (string name, CancellationToken cancellationToken) =>
            SetPausedAsync(coordinator, name, true, cancellationToken));
        app.MapPost("/admin/streams/{name}/resume", (string name, CancellationToken cancellationToken) =>
            SetPausedAsync(coordinator, name, false, cancellationToken));
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
