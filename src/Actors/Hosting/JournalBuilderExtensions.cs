using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Hosting;

/// <summary>Where stream journals and snapshots live, with the stable serializers of every persisted type.</summary>
public static class JournalBuilderExtensions
{
    /// <summary>
    /// Journal and snapshot store through Akka.Persistence.Sql.Hosting, on SQLite or PostgreSQL; PostgreSQL's tables
    /// are created on first use, a SQLite file's by <see cref="JournalConfig.Prepare"/>, which must run first
    /// (<see cref="EngineServiceCollectionExtensions.AddPaystackEngine"/> does).
    /// </summary>
    /// <exception cref="ArgumentException">The provider is neither sqlite nor postgresql.</exception>
    public static AkkaConfigurationBuilder WithSyncJournal(this AkkaConfigurationBuilder builder, PersistenceSettings persistence) =>
        builder
            .WithSqlPersistence(JournalConfig.PooledConnectionString(persistence), JournalConfig.ProviderName(persistence.Provider),
                autoInitialize: JournalConfig.PluginCreatesTables(persistence.Provider))
            .AddHocon(JournalConfig.ReadTransactions(persistence.Provider), HoconAddMode.Prepend)
            .AddHocon(JournalConfig.Serialization, HoconAddMode.Append);

    /// <summary>Journal and snapshots in memory, for runs whose state lives elsewhere (the Airbyte <c>read</c>) and tests.</summary>
    public static AkkaConfigurationBuilder WithInMemoryJournal(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(JournalConfig.InMemory(), HoconAddMode.Prepend);
}
