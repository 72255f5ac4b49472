using Akka.Configuration;
using Paystack.Actors.Configuration;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Logging;
using Paystack.Actors.Paystack;
using Serilog.Core;
using Serilog.Events;

namespace Paystack.Host.Running;

/// <summary>
/// What every verb that runs the engine shares: redacted logging, HOCON settings and the engine, on the lean
/// <see cref="EngineHost"/>. <c>serve</c> builds the same engine options (<see cref="EngineOptions"/>) into its web host.
/// </summary>
internal sealed class EngineRuntime : IAsyncDisposable
{
    private readonly EngineLogging _logging;
    private readonly EngineHost _host;

    private EngineRuntime(LoadedSyncSettings settings, EngineLogging logging, EngineHost host)
    {
        Settings = settings;
        _logging = logging;
        _host = host;
    }

    public LoadedSyncSettings Settings { get; }
    public Logger Logger => _logging.Logger;
    public SyncEngine Engine => _host.Engine;

    /// <param name="secretKey">Registered with the redactor before anything is logged.</param>
    /// <param name="inMemoryJournal">True when the state lives elsewhere (Airbyte keeps it); otherwise the HOCON persistence.</param>
    /// <param name="configure">A last say over the settings (the demo raises the rate limit of its own sandbox).</param>
    public static async Task<EngineRuntime> StartAsync(
        LoadedSyncSettings settings,
        string secretKey,
        bool inMemoryJournal,
        LogOptions logOptions,
        Func<SyncSettings, SyncSettings>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var logging = EngineLogging.Start(logOptions, secretKey);
        try
        {
            var effective = settings with { Settings = configure?.Invoke(settings.Settings) ?? settings.Settings };
            var host = await EngineHost.StartAsync(EngineOptions(effective, logging, logOptions, inMemoryJournal), cancellationToken);
            return new EngineRuntime(effective, logging, host);
        }
        catch
        {
            await logging.DisposeAsync();
            throw;
        }
    }

    /// <summary>The engine's actor system as every verb and <c>serve</c> build it.</summary>
    /// <param name="hocon">HOCON with the last word (serve hands the actor system's shutdown to its host).</param>
    public static EngineSystemOptions EngineOptions(
        LoadedSyncSettings settings, EngineLogging logging, LogOptions logOptions, bool inMemoryJournal, Config? hocon = null)
    {
        var clientLogger = logging.Factory.CreateLogger("Paystack.Client");
        return new EngineSystemOptions(settings.Settings, (options, gate) => new PaystackClient(options, gate, clientLogger))
        {
            InMemoryJournal = inMemoryJournal,
            SerilogLevel = logOptions.MinimumLevel,
            Overrides = (hocon ?? Config.Empty)
                .WithFallback(ConfigurationFactory.ParseString("akka.log-dead-letters-during-shutdown = off"))
                .WithFallback(settings.Config),
        };
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
        await _host.DisposeAsync();
        await _logging.DisposeAsync();
    }
}
