using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Paystack.Host.Admin.Health;

/// <summary>Liveness: the actor system still runs. When it has stopped only a restart helps.</summary>
internal sealed class LivenessCheck(ActorSystem system) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(system.WhenTerminated.IsCompleted
            ? HealthCheckResult.Unhealthy("the actor system has stopped")
            : HealthCheckResult.Healthy());
}
