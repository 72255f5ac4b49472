using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.State;

namespace Paystack.Actors.Engine;

/// <summary>The Akka configuration that stores stream journals and snapshots, and serializes their events.</summary>
public static class JournalConfig
{
    /// <summary>Journal and snapshots through Akka.Persistence.Sql: SQLite (a file) or PostgreSQL.</summary>
    public static Config Sql(PersistenceSettings persistence)
    {
        var provider = persistence.Provider switch
        {
            "sqlite" => "SQLite.MS",
            "postgresql" => "PostgreSQL.15",
            var other => throw new ArgumentException(
                $"paystack-sync.persistence.provider must be sqlite or postgresql (got '{other}')."),
        };
        if (persistence.Provider == "sqlite")
        {
            EnsureSqliteFolder(persistence.ConnectionString);
            SetSqliteJournalMode(persistence.ConnectionString, persistence.SqliteJournalMode);
        }
        var connection = Quote(persistence.ConnectionString);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = {{connection}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = {{connection}}
                  provider-name = "{{provider}}"
                  auto-initialize = on
                }
              }
            }
            """).WithFallback(Serialization);
    }

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

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The journal mode is a property of the file: set once it stays, and the plugin's own connections use it. WAL syncs
    /// the log once per commit where the rollback journal syncs several files, which every persisted event pays.
    /// </summary>
    private static void SetSqliteJournalMode(string connectionString, string mode)
    {
        if (mode is not ("wal" or "delete"))
            throw new ArgumentException($"paystack-sync.persistence.sqlite-journal-mode must be wal or delete (got '{mode}').");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
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
