using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// A cluster member's readiness as to its accounts: the accounts file reads and serves every entry. Each member reads
/// the same file, so every member names the same problems; what an account's runs do is in <c>/admin/accounts</c>.
/// </summary>
internal sealed class ClusterAccountsCheck(Func<ClusterAccounts> accounts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.Of(accounts().Problems()));
}
