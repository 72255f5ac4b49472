using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// Readiness: nothing keeps an account's runs from making progress (e.g. Paystack paused its key for longer than
/// max-pause), and every entry of the accounts file is served. Each problem names its account.
/// </summary>
internal sealed class RunCheck(ServeAccounts accounts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        HealthResults.Of(await accounts.ProblemsAsync(cancellationToken));
}
