using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.State;

namespace Paystack.Actors.Engine;

/// <summary>
/// What the journal needs besides Akka.Persistence.Sql.Hosting (see <see cref="Hosting.JournalBuilderExtensions"/>): the
/// provider names, a SQLite file made ready, the in-memory plugins and the serializers of every persisted type.
/// </summary>
public static class JournalConfig
{
    /// <summary>The linq2db provider of a <c>paystack-sync.persistence.provider</c>: sqlite or postgresql.</summary>
    /// <exception cref="ArgumentException">Neither.</exception>
    public static string ProviderName(string provider) => provider switch
    {
        "sqlite" => "SQLite.MS",
        "postgresql" => "PostgreSQL.15",
        var other => throw new ArgumentException(
            $"paystack-sync.persistence.provider must be sqlite or postgresql (got '{other}')."),
    };

    /// <summary>The connection string the journal plugins use: a PostgreSQL journal's pool capped (<see cref="PostgresPool"/>).</summary>
    public static string PooledConnectionString(PersistenceSettings persistence) =>
        persistence.Provider == "postgresql"
            ? PostgresPool.Capped(persistence.ConnectionString, PostgresPool.JournalConnections)
            : persistence.ConnectionString;

    /// <summary>
    /// Checks the persistence settings and readies a SQLite journal's file (its folder, its journal mode, its tables)
    /// before the actor system starts, so a bad setting is reported plainly instead of failing the journal plugin later.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown provider or SQLite journal mode.</exception>
    public static void Prepare(PersistenceSettings persistence)
    {
        ProviderName(persistence.Provider);
        if (persistence.Provider != "sqlite") return;
        if (persistence.SqliteJournalMode is not ("wal" or "delete"))
            throw new ArgumentException($"paystack-sync.persistence.sqlite-journal-mode must be wal or delete (got '{persistence.SqliteJournalMode}').");
        EnsureSqliteFolder(persistence.ConnectionString);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(persistence.ConnectionString);
        connection.Open();
        SetSqliteJournalMode(connection, persistence.SqliteJournalMode);
        SqliteJournalSchema.Ensure(connection);
    }

    /// <summary>
    /// Whether the journal plugins create their tables on first use: on PostgreSQL they do; a SQLite journal's tables
    /// are created by <see cref="Prepare"/>, without linq2db's DDL on the way to the first recovery.
    /// </summary>
    public static bool PluginCreatesTables(string provider) => provider != "sqlite";

    /// <summary>
    /// How the plugins begin their reads. On SQLite an unspecified isolation level opens every read with
    /// <c>BEGIN IMMEDIATE</c>, which takes the file's write lock: the recoveries of many streams then queue behind each
    /// other, each waiting out the lock in Microsoft.Data.Sqlite's busy retries. read-uncommitted opens a deferred
    /// transaction instead (the level itself only matters in shared-cache mode, which the journal does not use), so
    /// reads run side by side and see committed rows only. PostgreSQL keeps the plugin's defaults.
    /// </summary>
    public static Config ReadTransactions(string provider) => provider == "sqlite"
        ? ConfigurationFactory.ParseString("""
            akka.persistence.journal.sql.read-isolation-level = read-uncommitted
            akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
            """)
        : Config.Empty;

    /// <summary>
    /// Journal and snapshots in memory, for runs whose state lives elsewhere (the Airbyte <c>read</c>, where the
    /// platform keeps the state) and for tests.
    /// </summary>
    public static Config InMemory() => ConfigurationFactory.ParseString("""
        akka.persistence {
          journal.plugin = "akka.persistence.journal.inmem"
          snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        }
        """).WithFallback(Serialization);

    /// <summary>Stable string manifests for every persisted type (see <see cref="StreamEventSerializer"/>).</summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.paystack-sync = "{{typeof(StreamEventSerializer).AssemblyQualifiedNameWithoutVersion()}}"
          serializers.paystack-webhooks = "{{typeof(Webhooks.WebhookInboxSerializer).AssemblyQualifiedNameWithoutVersion()}}"
          serialization-bindings {
            "{{typeof(Webhooks.IWebhookInboxEntry).AssemblyQualifiedNameWithoutVersion()}}" = paystack-webhooks
            "{{typeof(IStreamEvent).AssemblyQualifiedNameWithoutVersion()}}" = paystack-sync
            "{{typeof(StreamSnapshot).AssemblyQualifiedNameWithoutVersion()}}" = paystack-sync
          }
        }
        """);

    private static string AssemblyQualifiedNameWithoutVersion(this Type type) =>
        $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>
    /// The journal mode is a property of the file: set once it stays, and the plugin's own connections use it. WAL syncs
    /// the log once per commit where the rollback journal syncs several files, which every persisted event pays.
    /// </summary>
    private static void SetSqliteJournalMode(Microsoft.Data.Sqlite.SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode={mode}";
        command.ExecuteScalar();
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
