using Akka.Actor;
using Akka.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Monitoring;
using Paystack.Actors.State;
using Paystack.Actors.Webhooks;
using Paystack.Host.Admin;
using Paystack.Host.Admin.Health;
using Paystack.Host.Running;
using Paystack.Host.Webhooks;
using Serilog;
using Serilog.Events;

namespace Paystack.Host.Serve;

/// <summary>
/// The long-running service: the engine, the schedule and the admin endpoint in one Generic Host. Stopping it
/// (SIGTERM, Ctrl+C, <see cref="StopAsync"/>) cancels the run that is going, then shuts the actor system down
/// through CoordinatedShutdown.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    /// <summary>Room for the running job to stop: its actors get up to 10 s each to stop gracefully.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    private const int LogLinesKept = 2000;

    /// <summary>Meters .NET itself publishes: the runtime's, and HttpClient's connections, requests and DNS lookups.</summary>
    private static readonly string[] RuntimeMeters = ["System.Runtime", "System.Net.Http", "System.Net.NameResolution"];

    private readonly WebApplication _app;
    private readonly EngineRuntime _runtime;
    private bool _disposed;

    private ServeHost(WebApplication app, EngineRuntime runtime, RunCoordinator coordinator, WebhookReceiver? webhooks)
    {
        _app = app;
        _runtime = runtime;
        Coordinator = coordinator;
        Webhooks = webhooks;
    }

    public RunCoordinator Coordinator { get; }

    /// <summary>The webhook receiver, when webhooks are on.</summary>
    public WebhookReceiver? Webhooks { get; }

    /// <summary>The addresses the admin endpoint listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses => _app.Urls.Select(u => new Uri(u)).ToList();

    /// <exception cref="ArgumentException">The admin binding is not allowed (e.g. no token on a non-loopback address).</exception>
    /// <exception cref="IOException">The admin address is taken.</exception>
    public static async Task<ServeHost> StartAsync(ServeOptions options, TextWriter? logOutput = null, CancellationToken cancellationToken = default)
    {
        var loaded = options.Sync.Settings;
        var webhookSettings = WebhookSettings.Read(loaded.Config);
        webhookSettings = webhookSettings with
        {
            Enabled = webhookSettings.Enabled || options.Webhooks,
            Urls = options.WebhookUrls ?? webhookSettings.Urls,
        };
        if (webhookSettings.Enabled) options = WithRunsWaitingForWebhooks(options);
        var source = options.Sync.Request.Source;
        var urls = options.AdminUrls ?? AdminBinding.Split(loaded.Config.GetString(AdminBinding.UrlsSetting, AdminBinding.DefaultUrl));
        var binding = AdminBinding.Create(urls, options.AdminToken);

        var ring = new LogRing(LogLinesKept);
        var logOptions = EngineRuntime.LogOptions(options.Sync.LogLevel, options.Sync.LogJson, new LogRingWriter(logOutput ?? Console.Error, ring)) with
        {
            LevelOverrides = new Dictionary<string, LogEventLevel>
            {
                ["Akka"] = LogEventLevel.Warning,
                ["Microsoft"] = LogEventLevel.Warning,
                ["Microsoft.Hosting.Lifetime"] = LogEventLevel.Information,
            },
        };
        logOptions.Redactor.Register(binding.Token);
        // The host owns shutdown: Akka must not start its own on process exit while a run is still being cancelled.
        var hostOwnsShutdown = loaded with
        {
            Config = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off").WithFallback(loaded.Config),
        };
        var runtime = EngineRuntime.Start(hostOwnsShutdown, source.SecretKey, inMemoryJournal: false, logOptions);
        SyncMetrics.ObserveSchedule(() => options.Schedule.Gap(DateTimeOffset.UtcNow));
        WebhookReceiver? webhooks = null;
        try
        {
            var coordinator = new RunCoordinator(runtime, options);
            if (webhookSettings.Enabled)
            {
                webhooks = await WebhookReceiver.StartAsync(
                    webhookSettings, runtime.Engine, options.Sync.Request, runtime.Settings.Settings.Engine.PageSize, coordinator.IsRunGoingAsync, runtime.Logger.ForContext("SourceContext", "Paystack.Webhooks"), cancellationToken);
                runtime.Logger.ForContext("SourceContext", "Paystack.Serve").Information(
                    "Receiving webhooks on {Urls}", string.Join(", ", webhooks.Addresses));
            }
            var app = Build(options, binding, runtime, coordinator, ring, webhooks);
            await app.StartAsync(cancellationToken);
            runtime.Logger.ForContext("SourceContext", "Paystack.Serve").Information(
                "Serving account {Account}: {Schedule}, {Mode}{FullRefresh} into {Destination}; journal in {Journal}; admin endpoint on {Urls}{Token}",
                coordinator.AccountId, options.Schedule.Description, options.Sync.Request.WriteMode.ToString(),
                options.Sync.Request.Mode == SyncMode.FullRefresh ? " (full refresh)" : "", options.Sync.Request.Destination.ToString(),
                JournalDescription(runtime.Settings.Settings.Persistence), string.Join(", ", app.Urls),
                binding.Token is null ? "" : " (token required)");
            return new ServeHost(app, runtime, coordinator, webhooks);
        }
        catch
        {
            if (webhooks is not null) await webhooks.DisposeAsync();
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A run waits up to a minute for the destination while a webhook batch holds it (a batch is a few writes), rather
    /// than being refused; a longer --wait stays.
    /// </summary>
    private static ServeOptions WithRunsWaitingForWebhooks(ServeOptions options)
    {
        var request = options.Sync.Request;
        var wait = request.LeaseWait == Timeout.InfiniteTimeSpan || request.LeaseWait >= RunLeaseWaitWithWebhooks
            ? request.LeaseWait
            : RunLeaseWaitWithWebhooks;
        return options with { Sync = options.Sync with { Request = request with { LeaseWait = wait } } };
    }

    private static readonly TimeSpan RunLeaseWaitWithWebhooks = TimeSpan.FromMinutes(1);

    /// <summary>The journal's provider and connection string with any password masked.</summary>
    private static string JournalDescription(PersistenceSettings persistence) =>
        $"{persistence.Provider} ({ConnectionStrings.MaskPassword(persistence.ConnectionString)})";

    private static WebApplication Build(
        ServeOptions options, AdminBinding binding, EngineRuntime runtime, RunCoordinator coordinator, LogRing ring, WebhookReceiver? webhooks)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Under systemd (Type=notify): READY=1 once the admin endpoint listens, STOPPING=1 on shutdown; a no-op elsewhere.
        builder.Host.UseSystemd();
        builder.WebHost.UseUrls([.. binding.Urls]);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(runtime.Logger, dispose: false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(coordinator);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Serilog.ILogger>(runtime.Logger);
        builder.Services.AddHostedService<ScheduleService>();
        builder.Services.AddOpenApi(document => document.AddDocumentTransformer((openApi, _, _) =>
        {
            openApi.Info.Title = "paystack-sync admin endpoint";
            openApi.Info.Description = "The admin endpoint of paystack-sync serve. With a token configured, /admin and /metrics need Authorization: Bearer TOKEN.";
            return Task.CompletedTask;
        }));
        builder.Services.AddServeHealthChecks(coordinator, runtime.Settings.Settings.Persistence, options.Sync.Request.Destination);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("paystack-sync"))
            .WithMetrics(metrics => metrics
                .AddMeter(SyncMetrics.MeterName)
                // The runtime's own meters (.NET 9 and later): GC, heap, thread pool, exceptions; and every HttpClient
                // request to Paystack, with its duration, status code and open connections.
                .AddMeter(RuntimeMeters)
                .AddPrometheusLintedNames()
                .AddPrometheusExporter());

        var app = builder.Build();
        app.UseAdminToken(binding.Token);
        app.UseBrowserRequestGuard(binding.Token);
        app.MapOpenApi();
        app.MapHealthProbes();
        app.MapAdmin(coordinator, ring, webhooks is null ? null : webhooks.StatusAsync);
        app.MapWebhookStatus(() => webhooks);
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    /// <summary>Completes once SIGTERM or Ctrl+C stopped the host (the running job is cancelled on the way).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _app.StopAsync();
        if (Webhooks is not null) await Webhooks.DisposeAsync();
        await CoordinatedShutdown.Get(Coordinator.System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        _runtime.Logger.ForContext("SourceContext", "Paystack.Serve").Information("Stopped");
        await _app.DisposeAsync();
        await _runtime.DisposeAsync();
    }
}
