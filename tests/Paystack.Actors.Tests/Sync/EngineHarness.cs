using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Sync;

/// <summary>A sandbox on loopback, an in-memory destination and a SQLite journal in a temp folder, for engine tests.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset StartDate = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-engine-").FullName;

    private EngineHarness(SandboxServer sandbox, SyncSettings settings)
    {
        Sandbox = sandbox;
        Settings = settings;
    }

    public SandboxServer Sandbox { get; }
    public SyncSettings Settings { get; }
    public InMemoryDestination Destination { get; } = new();
    public string JournalPath => Path.Combine(_folder, "journal.db");

    public static async Task<EngineHarness> StartAsync(SandboxOptions sandboxOptions, SyncSettings? settings = null) =>
        new(await SandboxServer.StartAsync(sandboxOptions), settings ?? TestSettings.Create());

    public static SandboxOptions Sandboxed(int recordsPerStream = 120, int seed = 7) => new()
    {
        Seed = seed,
        RecordsPerStream = recordsPerStream,
        TestRateLimit = 100_000,
        LiveRateLimit = 100_000,
    };

    /// <summary>The engine on its lean host, as the verbs start it, with a SQLite journal in the harness's folder.</summary>
    public Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync(
        new EngineSystemOptions(Settings with { Persistence = new PersistenceSettings("sqlite", $"Data Source={JournalPath}") },
            (options, gate) => new PaystackClient(options, gate)) { SystemName = "engine-test" });

    public PaystackClientOptions ClientOptions => Settings.Http.ToClientOptions(Sandbox.Options.TestKey, Sandbox.BaseUrl);

    public static SyncJob Job(SyncMode mode, int lookbackDays = 0, IEnumerable<string>? streams = null, WriteMode writeMode = WriteMode.Append, string account = "test-account") =>
        new(account, StartDate, lookbackDays,
            (streams ?? StreamCatalog.All.Select(s => s.Name)).Select(name => new StreamSelection(StreamCatalog.Get(name), mode, writeMode)).ToList());

    /// <param name="destination">Where to write; the in-memory <see cref="Destination"/> when null.</param>
    public async Task<SyncOutcome> RunAsync(SyncJob job, ISyncObserver? observer = null, CancellationToken cancellationToken = default,
        IDestination? destination = null)
    {
        await using var host = await StartEngineAsync();
        return await host.Engine.RunAsync(job, ClientOptions, destination ?? Destination, observer, cancellationToken);
    }

    /// <summary>A SQLite destination file in the harness's folder, as production writes it (its own progress record included).</summary>
    public string SqlitePath => Path.Combine(_folder, "destination.db");

    /// <summary>The ids in a stream's table of <see cref="SqlitePath"/>, one per row.</summary>
    public IReadOnlyList<string> SqliteIds(string stream)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqlitePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(id AS TEXT) FROM \"{stream}\"";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>
    /// The ids the sandbox holds for a stream, created in [StartDate, upTo); for a child stream, the children of those
    /// parents. A point-in-time stream has no ids of its own in the sandbox.
    /// </summary>
    public IReadOnlyList<string> SandboxIds(string stream, DateTimeOffset? upTo = null)
    {
        var definition = StreamCatalog.Get(stream);
        if (definition.Parent is { } parent)
            return SandboxIds(parent.Stream, upTo).SelectMany(Sandbox.Store.SettlementTransactionIds).ToList();
        if (definition.ReadAtField is not null)
            throw new ArgumentException($"{stream} is read at a point in time; its records have no ids in the sandbox.", nameof(stream));
        return Sandbox.Store.Ids(definition.Path, StartDate, upTo ?? DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
