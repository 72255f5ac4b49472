using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve;

namespace Paystack.Host.Admin.Health;

/// <summary>Readiness: nothing keeps runs from making progress (e.g. Paystack paused the key for longer than max-pause).</summary>
internal sealed class RunCheck(RunCoordinator coordinator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await coordinator.ProblemsAsync(cancellationToken) is { Count: > 0 } problems
            ? HealthCheckResult.Unhealthy(string.Join("; ", problems))
            : HealthCheckResult.Healthy();
}
