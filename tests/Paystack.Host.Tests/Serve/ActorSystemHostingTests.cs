using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paystack.Actors.Engine;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary>serve's actor system belongs to its Generic Host (Akka.Hosting): one system, its registry, its liveness, its end.</summary>
[Collection(ServeCollection.Name)]
public sealed class ActorSystemHostingTests
{
    [Fact]
    public async Task The_engine_runs_on_the_hosts_actor_system_with_its_one_per_system_actors_in_the_registry()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(environment.Options(runAtStart: false, streams: "customers"), new LockedStringWriter());

        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Same(system, host.Services.GetRequiredService<SyncEngine>().System);
        Assert.Same(system, host.Accounts.Serving.Single().System);
        var deadLetters = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<DeadLetterLog>();
        Assert.Equal("/system/dead-letter-log", deadLetters.Path.ToStringWithoutAddress());
    }

    [Fact]
    public async Task An_actor_system_that_stops_turns_liveness_red_and_stops_the_service()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var host = await ServeHost.StartAsync(environment.Options(runAtStart: false, streams: "customers"), new LockedStringWriter());
        await using (host)
        {
            var health = host.Services.GetRequiredService<HealthCheckService>();
            var live = await health.CheckHealthAsync(check => check.Tags.Contains("live"));
            Assert.Equal(HealthStatus.Healthy, live.Status);
            Assert.Contains(live.Entries, e => e.Key.Contains("akka", StringComparison.OrdinalIgnoreCase) || e.Key.Contains("actor", StringComparison.OrdinalIgnoreCase));

            await host.Accounts.Serving.Single().System.Terminate();

            Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(check => check.Tags.Contains("live"))).Status);
            // Akka.Hosting stops the host when its actor system ends first: the service exits instead of lingering.
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
