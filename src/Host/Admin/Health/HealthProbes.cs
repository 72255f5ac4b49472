using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Host.Serve;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// serve's health checks (Microsoft.Extensions.Diagnostics.HealthChecks): <c>/healthz/live</c> runs the checks tagged
/// live (restart when red), <c>/healthz/ready</c> those tagged ready (the journal, the destination, the runs; wait when red).
/// Both answer 200 or 503 with <see cref="AdminModels.Health"/>: a status and the problems found.
/// </summary>
internal static class HealthProbes
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddServeHealthChecks(
        this IServiceCollection services, RunCoordinator coordinator, PersistenceSettings journal, DestinationSpec destination)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("actor-system", new LivenessCheck(coordinator.System), HealthStatus.Unhealthy, [Live, Ready]))
            .Add(new HealthCheckRegistration("journal", new JournalCheck(journal), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("destination", new DestinationCheck(destination), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("runs", new RunCheck(coordinator), HealthStatus.Unhealthy, [Ready]));
        return services;
    }

    /// <summary>
    /// Route handlers rather than the health-check middleware, so the probes are in the OpenAPI document; the checks
    /// still run through <see cref="HealthCheckService"/>.
    /// </summary>
    public static void MapHealthProbes(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/healthz").WithTags("health");
        health.MapGet("/live", (HealthCheckService checks, CancellationToken cancellationToken) =>
                ProbeAsync(checks, Live, "live", "not live", cancellationToken))
            .WithName("Live").WithSummary("Liveness: 503 when the actor system has stopped (restart the service).")
            .Produces<AdminModels.Health>().Produces<AdminModels.Health>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", (HealthCheckService checks, CancellationToken cancellationToken) =>
                ProbeAsync(checks, Ready, "ready", "not ready", cancellationToken))
            .WithName("Ready").WithSummary("Readiness: 503 with the problems when the journal, the destination or the runs are not well.")
            .Produces<AdminModels.Health>().Produces<AdminModels.Health>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ProbeAsync(
        HealthCheckService checks, string tag, string healthy, string unhealthy, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
        var problems = report.Entries.Values
            .Where(e => e.Status == HealthStatus.Unhealthy)
            .SelectMany(e => e.Data.TryGetValue(RunCheck.ProblemsKey, out var listed) && listed is IEnumerable<string> each
                ? each
                : [e.Description ?? e.Exception?.Message ?? "unhealthy"])
            .ToList();
        return problems.Count == 0
            ? Results.Ok(new AdminModels.Health(healthy, []))
            : Results.Json(new AdminModels.Health(unhealthy, problems), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
