using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Destinations;
using Paystack.Host.Running;

namespace Paystack.Host.Admin.Health;

/// <summary>
/// Readiness: the destination takes writes. PostgreSQL answers a query; a SQLite file (or, before the first run, its
/// folder) can be written, which a full or read-only disk or a deleted folder breaks.
/// </summary>
internal sealed class DestinationCheck(DestinationSpec destination) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await ProblemAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();

    private async Task<string?> ProblemAsync(CancellationToken cancellationToken)
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
