using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Tests.Sync;

namespace Paystack.Actors.Tests.Hosting;

/// <summary>The verbs' lean host: the actor system as <c>WithPaystackEngine</c> configures it, and its end.</summary>
public sealed class EngineHostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-engine-host-").FullName;

    private EngineSystemOptions Options(bool inMemory = false, string overrides = "") => new(
        TestSettings.Create() with { Persistence = new PersistenceSettings("sqlite", $"Data Source={Path.Combine(_folder, "journal.db")}") },
        (options, gate) => new PaystackClient(options, gate))
    {
        SystemName = "engine-host-test",
        InMemoryJournal = inMemory,
        Overrides = ConfigurationFactory.ParseString(overrides),
    };

    [Fact]
    public async Task The_sql_journal_its_serializers_and_the_dead_letter_log_come_from_the_builder_and_the_users_hocon_outranks_them()
    {
        await using var host = await EngineHost.StartAsync(Options(overrides: "akka.persistence.journal.sql.batch-size = 7"));
        var config = host.System.Settings.Config;

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(7, config.GetInt("akka.persistence.journal.sql.batch-size"));
        Assert.IsType<StreamEventSerializer>(host.System.Serialization.FindSerializerForType(typeof(StreamEvents.WindowRestarted)));
        var deadLetters = await ActorRegistry.For(host.System).GetAsync<DeadLetterLog>();
        Assert.Equal("/system/dead-letter-log", deadLetters.Path.ToStringWithoutAddress());
        Assert.Same(host.System, host.Engine.System);
    }

    [Fact]
    public async Task Disposing_the_host_runs_coordinated_shutdown_and_ends_the_actor_system()
    {
        var host = await EngineHost.StartAsync(Options(inMemory: true));
        var system = host.System;
        var ranShutdownTask = false;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "probe", () =>
        {
            ranShutdownTask = true;
            return Task.FromResult(Akka.Done.Instance);
        });

        await host.DisposeAsync();

        Assert.True(ranShutdownTask);
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task An_unknown_journal_provider_is_refused_before_any_actor_system_starts()
    {
        var options = Options() with { Settings = TestSettings.Create() with { Persistence = new PersistenceSettings("mysql", "Server=x") } };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => EngineHost.StartAsync(options));

        Assert.Contains("paystack-sync.persistence.provider must be sqlite or postgresql (got 'mysql')", refused.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
