using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Configuration;
using Paystack.Host.Serve.Accounts;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// serve's health checks (Microsoft.Extensions.Diagnostics.HealthChecks): <c>/healthz/live</c> runs the checks tagged
/// live (restart when red), <c>/healthz/ready</c> those tagged ready (the journal, the destination, the runs; wait when red).
/// Both answer 200 or 503 with <see cref="AdminModels.Health"/>: a status and the problems found.
/// </summary>
internal static class HealthProbes
{
    /// <summary>The key of a check result's data that lists each problem on its own (the description joins them).</summary>
    public const string ProblemsKey = "problems";

    public const string Live = "live";
    public const string Ready = "ready";

    /// <summary>
    /// The journal, destination and run checks; the actor system's liveness is Akka.Hosting's own
    /// (<c>WithActorSystemLivenessCheck</c>, tagged live and ready where serve builds its actor system).
    /// </summary>
    public static IServiceCollection AddServeHealthChecks(this IServiceCollection services, PersistenceSettings journal)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("journal", new JournalCheck(journal), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("destination", provider => new DestinationCheck(provider.GetRequiredService<ServeAccounts>()), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("runs", provider => new RunCheck(provider.GetRequiredService<ServeAccounts>()), HealthStatus.Unhealthy, [Ready]));
        return services;
    }

    /// <summary>
    /// A cluster member's checks: Up in the cluster (Akka.Cluster.Hosting's readiness check, registered with the actor
    /// system), the journal every member shares, the accounts file, the keys and runs of the accounts this member owns.
    /// </summary>
    public static IServiceCollection AddClusterHealthChecks(
        this IServiceCollection services, PersistenceSettings journal, Func<IServiceProvider, ClusterAccounts> accounts, TimeSpan stallTimeout)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("journal", new JournalCheck(journal), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("accounts", provider => new ClusterAccountsCheck(() => accounts(provider)), HealthStatus.Unhealthy, [Ready]))
            .Add(new HealthCheckRegistration("runs", provider => new ClusterLocalAccountsCheck(provider.GetRequiredService<LocalAccounts>(), stallTimeout), HealthStatus.Unhealthy, [Ready]));
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
            .SelectMany(e => e.Data.TryGetValue(ProblemsKey, out var listed) && listed is IEnumerable<string> each
                ? each
                : [e.Description ?? e.Exception?.Message ?? "unhealthy"])
            .ToList();
        return problems.Count == 0
            ? Results.Ok(new AdminModels.Health(healthy, []))
            : Results.Json(new AdminModels.Health(unhealthy, problems), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>A check's answer: healthy, or unhealthy with each problem listed for the probe's answer.</summary>
internal static class HealthResults
{
    public static HealthCheckResult Of(IReadOnlyList<string> problems) => problems.Count == 0
        ? HealthCheckResult.Healthy()
        : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: new Dictionary<string, object> { [HealthProbes.ProblemsKey] = problems });
}
