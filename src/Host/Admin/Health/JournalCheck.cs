using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Admin.Health;

/// <summary>Readiness: the journal, where runs keep their progress, answers a query.</summary>
internal sealed class JournalCheck(PersistenceSettings persistence) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await DatabaseProbe.CheckAsync($"the journal ({persistence.Provider})", persistence.Provider == "postgresql",
            persistence.ConnectionString, cancellationToken) is { } problem
            ? HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy();
}
