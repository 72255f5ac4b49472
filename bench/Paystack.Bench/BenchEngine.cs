using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Hosting;
using Paystack.Actors.Paystack;

namespace Paystack.Bench;

/// <summary>The engine as every bench case builds it: the verbs' lean host, production plugins, Akka's own logging kept to warnings.</summary>
public static class BenchEngine
{
    /// <param name="journalPath">A SQLite journal file, as in production; null keeps the journal in memory.</param>
    /// <param name="overrides">HOCON over the engine's (the start-up scenario's timed journal plugins).</param>
    /// <param name="clientFactory">The HTTP client of an account; the production one when null.</param>
    public static Task<EngineHost> StartAsync(
        SyncSettings settings, string? journalPath, Config? overrides = null,
        Func<PaystackClientOptions, IRequestGate, IPaystackClient>? clientFactory = null) =>
        EngineHost.StartAsync(new EngineSystemOptions(
            journalPath is null ? settings : settings with { Persistence = new PersistenceSettings("sqlite", $"Data Source={journalPath}") },
            clientFactory ?? ((client, gate) => new PaystackClient(client, gate)))
        {
            SystemName = "paystack-bench",
            InMemoryJournal = journalPath is null,
            Overrides = overrides ?? Config.Empty,
        });

    /// <summary>A SQLite journal file, as in production.</summary>
    public static Task<EngineHost> WithSqliteJournalAsync(SyncSettings settings, string path) => StartAsync(settings, path);
}
