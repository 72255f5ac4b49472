using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;

namespace Paystack.Bench;

/// <summary>The engine as every bench case builds it: production plugins, Akka's own logging kept to warnings.</summary>
public static class BenchEngine
{
    public static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """);

    public static SyncEngine Create(SyncSettings settings, Config journal) =>
        new(settings, journal, (client, gate) => new PaystackClient(client, gate), Quiet, "paystack-bench");

    /// <summary>A SQLite journal file, as in production.</summary>
    public static SyncEngine WithSqliteJournal(SyncSettings settings, string path) =>
        Create(settings, JournalConfig.Sql(new PersistenceSettings("sqlite", $"Data Source={path}")));
}
