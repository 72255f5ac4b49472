using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using Paystack.Actors.Logging;
using Paystack.Actors.Paystack;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Paystack.Host.Running;

/// <summary>What every verb that runs the engine shares: redacted logging, HOCON settings and the engine itself.</summary>
internal sealed class EngineRuntime : IAsyncDisposable
{
    private readonly SerilogLoggerFactory _loggerFactory;

    private EngineRuntime(LoadedSyncSettings settings, Logger logger, SyncEngine engine, SerilogLoggerFactory loggerFactory)
    {
        Settings = settings;
        Logger = logger;
        Engine = engine;
        _loggerFactory = loggerFactory;
    }

    public LoadedSyncSettings Settings { get; }
    public Logger Logger { get; }
    public SyncEngine Engine { get; }

    /// <param name="secretKey">Registered with the redactor before anything is logged.</param>
    /// <param name="inMemoryJournal">True when the state lives elsewhere (Airbyte keeps it); otherwise the HOCON persistence.</param>
    /// <param name="configure">A last say over the settings (the demo raises the rate limit of its own sandbox).</param>
    public static EngineRuntime Start(
        LoadedSyncSettings settings,
        string secretKey,
        bool inMemoryJournal,
        LogOptions logOptions,
        Func<SyncSettings, SyncSettings>? configure = null)
    {
        logOptions.Redactor.Register(secretKey);
        var logger = PaystackLogging.CreateLogger(logOptions);
        PaystackLogging.UseAsGlobal(logger);
        var effective = configure?.Invoke(settings.Settings) ?? settings.Settings;
        var journal = inMemoryJournal ? JournalConfig.InMemory() : JournalConfig.Sql(effective.Persistence);
        var loggerFactory = new SerilogLoggerFactory(logger);
        var clientLogger = loggerFactory.CreateLogger("Paystack.Client");
        var akka = AkkaSerilogLogging.Config(logOptions.MinimumLevel)
            .WithFallback(ConfigurationFactory.ParseString("akka.log-dead-letters-during-shutdown = off"))
            .WithFallback(settings.Config);
        var engine = new SyncEngine(effective, journal, (options, gate) => new PaystackClient(options, gate, clientLogger), akka);
        return new EngineRuntime(settings with { Settings = effective }, logger, engine, loggerFactory);
    }

    public static LogOptions LogOptions(string? level, bool json, TextWriter? output = null) => new()
    {
        MinimumLevel = PaystackLogging.TryParseLevel(level, out var parsed) ? parsed : LogEventLevel.Information,
        Format = json ? LogFormat.CompactJson : LogFormat.Human,
        Output = output,
        LevelOverrides = new Dictionary<string, LogEventLevel> { ["Akka"] = LogEventLevel.Warning },
    };

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        _loggerFactory.Dispose();
        await Logger.DisposeAsync();
    }
}
