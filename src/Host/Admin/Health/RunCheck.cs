using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve;

namespace Paystack.Host.Admin.Health;

/// <summary>Readiness: nothing keeps runs from making progress (e.g. Paystack paused the key for longer than max-pause).</summary>
internal sealed class RunCheck(RunCoordinator coordinator) : IHealthCheck
{
    /// <summary>The key of the result's data that lists each problem on its own (the description joins them).</summary>
    public const string ProblemsKey = "problems";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await coordinator.ProblemsAsync(cancellationToken) is { Count: > 0 } problems
            ? HealthCheckResult.Unhealthy(string.Join("; ", problems), data: new Dictionary<string, object> { [ProblemsKey] = problems })
            : HealthCheckResult.Healthy();
}
