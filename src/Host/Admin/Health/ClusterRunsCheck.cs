using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// A cluster member's readiness as to the runs it has going: no stream of them has made no progress for longer than
/// the engine's stall-timeout. Each problem names its account; the runs of accounts other members own are theirs to report.
/// </summary>
internal sealed class ClusterRunsCheck(LocalRuns runs, TimeSpan stallTimeout) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.Of(runs.Stalled(DateTimeOffset.UtcNow, stallTimeout)));
}
