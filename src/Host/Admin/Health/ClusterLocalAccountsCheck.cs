using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// A cluster member's readiness as to the accounts it owns: no key paused by Paystack for longer than max-pause, no
/// stream of a run going here without progress for longer than the engine's stall-timeout. Each problem names its
/// account; the accounts other members own are theirs to report.
/// </summary>
internal sealed class ClusterLocalAccountsCheck(LocalAccounts accounts, TimeSpan stallTimeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        HealthResults.Of(await accounts.ProblemsAsync(DateTimeOffset.UtcNow, stallTimeout, cancellationToken));
}
