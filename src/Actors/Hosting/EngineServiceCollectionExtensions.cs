using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Hosting;

/// <summary>The engine in a Generic Host: its actor system through Akka.Hosting, and <see cref="SyncEngine"/> on it.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor system (<see cref="AkkaHostingExtensions.AddAkka(IServiceCollection,string,Action{AkkaConfigurationBuilder})"/>
    /// with <see cref="EngineAkkaBuilderExtensions.WithPaystackEngine"/>) and the <see cref="SyncEngine"/> that runs jobs on it.
    /// The host's lifetime is the system's: starting the host starts its actors, stopping it runs CoordinatedShutdown.
    /// </summary>
    /// <exception cref="ArgumentException">The persistence settings are unusable (see <see cref="JournalConfig.Prepare"/>).</exception>
    public static IServiceCollection AddPaystackEngine(
        this IServiceCollection services, EngineSystemOptions options, Action<AkkaConfigurationBuilder>? configure = null)
    {
        if (!options.InMemoryJournal)
        {
            // Now rather than when the host builds the system, so a bad setting is the caller's exception.
            JournalConfig.Prepare(options.Settings.Persistence);
            JournalQueryWarmUp.Start(options.Settings.Persistence);
        }
        services.AddAkka(options.SystemName, builder =>
        {
            builder.WithPaystackEngine(options);
            configure?.Invoke(builder);
        });
        services.AddSingleton(provider => new SyncEngine(options.Settings, provider.GetRequiredService<ActorSystem>(), options.ClientFactory));
        return services;
    }
}
