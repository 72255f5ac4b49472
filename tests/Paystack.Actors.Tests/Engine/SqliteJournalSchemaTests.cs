using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using PersistenceSettings = Paystack.Actors.Configuration.PersistenceSettings;

namespace Paystack.Actors.Tests.Engine;

/// <summary>
/// A SQLite journal's tables are created by <see cref="JournalConfig.Prepare"/>, not by the plugins: they must be the
/// very tables Akka.Persistence.Sql creates itself, so either can open a journal the other made.
/// </summary>
public sealed class SqliteJournalSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-journal-schema-").FullName;

    [Fact]
    public async Task Prepare_creates_the_tables_the_plugin_creates_and_leaves_a_plugin_made_journal_as_it_is()
    {
        var prepared = Path.Combine(_folder, "prepared.db");
        JournalConfig.Prepare(Sqlite(prepared));
        JournalConfig.Prepare(Sqlite(prepared)); // a second run finds them

        var pluginMade = Path.Combine(_folder, "plugin.db");
        await LetThePluginCreateAsync(pluginMade);
        var expected = await SchemaAsync(pluginMade);
        Assert.Contains(expected, entry => entry.StartsWith("table journal", StringComparison.Ordinal));
        Assert.Contains(expected, entry => entry.StartsWith("table snapshot", StringComparison.Ordinal));

        Assert.Equal(expected, await SchemaAsync(prepared));
        JournalConfig.Prepare(Sqlite(pluginMade));
        Assert.Equal(expected, await SchemaAsync(pluginMade));
    }

    private static PersistenceSettings Sqlite(string path) => new("sqlite", $"Data Source={path};Pooling=False");

    /// <summary>The plugins' own table creation (auto-initialize), finished once an event and a snapshot are stored.</summary>
    private static async Task LetThePluginCreateAsync(string path)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("schema", akka => akka.WithSqlPersistence(Sqlite(path).ConnectionString, "SQLite.MS", autoInitialize: true));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var writer = system.ActorOf(Props.Create(() => new Writer()));
        Assert.Equal("stored", await writer.Ask<string>("store", TimeSpan.FromSeconds(30)));
        await host.StopAsync();
    }

    private sealed class Writer : ReceivePersistentActor
    {
        private IActorRef _asker = ActorRefs.Nobody;

        public override string PersistenceId => "schema-writer";

        public Writer()
        {
            Command<string>(_ =>
            {
                _asker = Sender;
                Persist("event", _ => SaveSnapshot("snapshot"));
            });
            Command<SaveSnapshotSuccess>(_ => _asker.Tell("stored"));
            Command<SaveSnapshotFailure>(failure => _asker.Tell(failure.Cause.Message));
        }
    }

    /// <summary>Every table and index with its SQL, as SQLite keeps them (it drops IF NOT EXISTS from the text).</summary>
    private static async Task<List<string>> SchemaAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> 'sqlite_sequence' ORDER BY type, name";
        var entries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add($"{reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}: {(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        return entries;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
