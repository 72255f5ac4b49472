using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using PersistenceSettings = Paystack.Actors.Configuration.PersistenceSettings;

namespace Paystack.Actors.Tests.Engine;

/// <summary>
/// A SQLite journal's reads take no write lock (<see cref="JournalConfig.ReadTransactions"/>): the recoveries of many
/// streams run side by side instead of queueing for the file's lock, and a write going on elsewhere does not hold them.
/// </summary>
public sealed class SqliteJournalReadsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-journal-reads-").FullName;

    [Fact]
    public async Task A_stream_recovers_while_another_connection_holds_the_journals_write_lock()
    {
        var persistence = new PersistenceSettings("sqlite", $"Data Source={Path.Combine(_folder, "journal.db")}");
        JournalConfig.Prepare(persistence);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("reads", akka => akka.WithSyncJournal(persistence));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(1L, await system.ActorOf(Props.Create(() => new Recovering("stored"))).Ask<long>("store", TimeSpan.FromSeconds(30)));

        await using (var writer = new SqliteConnection(persistence.ConnectionString))
        {
            await writer.OpenAsync();
            await using var hold = writer.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            // Snapshot load, highest sequence number and replay: all reads, none waits for the lock held above.
            var recovered = system.ActorOf(Props.Create(() => new Recovering("stored")));
            Assert.Equal(1L, await recovered.Ask<long>("sequence", TimeSpan.FromSeconds(10)));
        }
        await host.StopAsync();
    }

    /// <summary>Answers its sequence number once recovered; "store" persists one event first.</summary>
    private sealed class Recovering : ReceivePersistentActor
    {
        public Recovering(string id)
        {
            PersistenceId = id;
            Recover<string>(_ => { });
            Command<string>(command => command == "store", _ =>
            {
                var asker = Sender;
                Persist("event", _ => asker.Tell(LastSequenceNr));
            });
            Command<string>(_ => Sender.Tell(LastSequenceNr));
        }

        public override string PersistenceId { get; }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
