using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Destinations;
using Paystack.Host.Running;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// Readiness: every account's destination takes writes. PostgreSQL answers a query; a SQLite file (or, before the
/// first run, its folder) can be written, which a full or read-only disk or a deleted folder breaks. With more than
/// one account, each problem names its account.
/// </summary>
internal sealed class DestinationCheck(ServeAccounts accounts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var serving = accounts.Serving;
        var problems = new List<string>();
        foreach (var coordinator in serving)
            if (await ProblemAsync(coordinator.Account.Request.Destination, cancellationToken) is { } problem)
                problems.Add(serving.Count == 1 ? problem : $"account {coordinator.AccountId}: {problem}");
        return HealthResults.Of(problems);
    }

    private static async Task<string?> ProblemAsync(DestinationSpec destination, CancellationToken cancellationToken)
    {
        switch (destination.Kind)
        {
            case DestinationKind.Postgres:
                return await DatabaseProbe.CheckAsync("the destination (postgres)", postgres: true, destination.Target, cancellationToken);
            case DestinationKind.Sqlite:
                try
                {
                    SqliteFileCheck.EnsureWritable(destination.Target, "the destination");
                    return null;
                }
                catch (ArgumentException unwritable)
                {
                    return unwritable.Message;
                }
            default:
                return null;
        }
    }
}
