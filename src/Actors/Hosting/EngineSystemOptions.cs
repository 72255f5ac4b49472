using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Serilog.Events;

namespace Paystack.Actors.Hosting;

/// <summary>
/// What the engine's actor system is built from. <c>serve</c>'s web host and the verbs' lean host both pass it to
/// <see cref="EngineServiceCollectionExtensions.AddPaystackEngine"/>, so there is one way to configure the actor system.
/// </summary>
/// <param name="Settings">The engine's settings; its persistence section names the journal unless <see cref="InMemoryJournal"/>.</param>
/// <param name="ClientFactory">Builds the HTTP client of an account around the gate of its RateLimiter.</param>
public sealed record EngineSystemOptions(
    SyncSettings Settings,
    Func<PaystackClientOptions, IRequestGate, IPaystackClient> ClientFactory)
{
    public string SystemName { get; init; } = "paystack-sync";

    /// <summary>Journal and snapshots in memory: the state lives elsewhere (Airbyte keeps it) or nowhere (tests).</summary>
    public bool InMemoryJournal { get; init; }

    /// <summary>Akka's log events go to Serilog's global logger at this level; null keeps Akka's own logger at warnings.</summary>
    public LogEventLevel? SerilogLevel { get; init; }

    /// <summary>
    /// HOCON that outranks everything the builder sets but the loggers: the user's paystack-sync.conf (so an
    /// <c>akka { ... }</c> section there outranks the journal's settings), test and bench overrides.
    /// </summary>
    public Config Overrides { get; init; } = Config.Empty;
}
