using Akka.Configuration;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Logging;
using Paystack.Actors.Monitoring;
using Paystack.Actors.State;
using Paystack.Actors.Webhooks;
using Paystack.Host.Admin;
using Paystack.Host.Admin.Health;
using Paystack.Host.Running;
using Paystack.Host.Serve.Accounts;
using Paystack.Host.Webhooks;
using Serilog;

namespace Paystack.Host.Serve;

/// <summary>
/// The long-running service: the engine, the schedules and the admin endpoint in one Generic Host, which owns the actor
/// system (Akka.Hosting). Stopping it (SIGTERM, Ctrl+C, <see cref="StopAsync"/>) cancels the runs that are going, then
/// shuts the actor system down through CoordinatedShutdown.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    /// <summary>Room for the running job to stop: its actors get up to 10 s each to stop gracefully.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    private readonly WebApplication _app;
    private readonly EngineLogging _logging;
    private readonly WebhookService? _webhooks;
    private bool _disposed;

    private ServeHost(WebApplication app, EngineLogging logging, ServeAccounts accounts, WebhookService? webhooks)
    {
        _app = app;
        _logging = logging;
        Accounts = accounts;
        _webhooks = webhooks;
    }

    /// <summary>The accounts served, each with its coordinator.</summary>
    public ServeAccounts Accounts { get; }

    /// <summary>The webhook receiver, when webhooks are on.</summary>
    public WebhookReceiver? Webhooks => _webhooks?.Receiver;

    /// <summary>The host's services: the actor system, the ActorRegistry, the health checks.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses the admin endpoint listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses => _app.Urls.Select(u => new Uri(u)).ToList();

    /// <exception cref="ArgumentException">The admin binding is not allowed (e.g. no token on a non-loopback address), or webhooks asked for with an accounts file.</exception>
    /// <exception cref="IOException">The admin address is taken.</exception>
    public static async Task<ServeHost> StartAsync(ServeOptions options, TextWriter? logOutput = null, CancellationToken cancellationToken = default)
    {
        var loaded = options.Settings;
        var webhookSettings = WebhookSettings.Read(loaded.Config);
        webhookSettings = webhookSettings with
        {
            Enabled = webhookSettings.Enabled || options.Webhooks,
            Urls = options.WebhookUrls ?? webhookSettings.Urls,
        };
        if (webhookSettings.Enabled) options = WithRunsWaitingForWebhooks(options);
        var urls = options.AdminUrls ?? AdminBinding.Split(loaded.Config.GetString(AdminBinding.UrlsSetting, AdminBinding.DefaultUrl));
        var binding = AdminBinding.Create(urls, options.AdminToken);
        var initial = options.Accounts.Load();

        var (logOptions, ring) = ServeLogging.Options(options, binding, initial.Accounts, logOutput);
        var logging = EngineLogging.Start(logOptions, initial.Accounts.FirstOrDefault()?.Request.Source.SecretKey ?? "");
        WebApplication? app = null;
        try
        {
            app = Build(options, binding, logging, logOptions, webhookSettings);
            // Resolving the accounts builds the actor system, before anything is served.
            var accounts = app.Services.GetRequiredService<ServeAccounts>();
            SyncMetrics.ObserveSchedules(accounts.ScheduleGaps);
            SyncMetrics.ObserveAccounts(accounts.Validity);
            await accounts.ApplyAsync(initial);
            var webhooks = webhookSettings.Enabled ? app.Services.GetRequiredService<WebhookService>() : null;
            Map(app, binding, accounts, ring, webhooks);
            await app.StartAsync(cancellationToken);
            LogServing(logging, loaded, options, initial, app, binding);
            return new ServeHost(app, logging, accounts, webhooks);
        }
        catch
        {
            await ServeWebHost.AbandonAsync(app, logging);
            throw;
        }
    }

    private static void LogServing(
        EngineLogging logging, LoadedSyncSettings settings, ServeOptions options, AccountsLoad initial, WebApplication app, AdminBinding binding)
    {
        var log = logging.Logger.ForContext("SourceContext", "Paystack.Serve");
        var journal = JournalDescription(settings.Settings.Persistence);
        var token = binding.Token is null ? "" : " (token required)";
        if (options.Accounts is SingleAccount { Account: var account })
        {
            var request = account.Request;
            log.Information(
                "Serving account {Account}: {Schedule}, {Mode}{FullRefresh} into {Destination}; journal in {Journal}; admin endpoint on {Urls}{Token}",
                account.Name, account.Schedule.Description, request.WriteMode.ToString(),
                request.Mode == SyncMode.FullRefresh ? " (full refresh)" : "", request.Destination.ToString(),
                journal, string.Join(", ", app.Urls), token);
            return;
        }
        log.Information(
            "Serving {Count} accounts from {File} ({Refused} entries refused), reloaded on SIGHUP and when it changes; journal in {Journal}; admin endpoint on {Urls}{Token}",
            initial.Accounts.Count, options.Accounts.WatchedFile, initial.Problems.Count, journal, string.Join(", ", app.Urls), token);
    }

    /// <summary>
    /// A run waits up to a minute for the destination while a webhook batch holds it (a batch is a few writes), rather
    /// than being refused; a longer --wait stays.
    /// </summary>
    /// <exception cref="ArgumentException">Webhooks asked for with an accounts file: the receiver serves one account.</exception>
    private static ServeOptions WithRunsWaitingForWebhooks(ServeOptions options)
    {
        if (options.Accounts is not SingleAccount { Account: var account })
            throw new ArgumentException("Webhooks (paystack-sync.webhooks.enabled) are received for one account: serve it with --config, not --accounts.");
        var request = account.Request;
        var wait = request.LeaseWait == Timeout.InfiniteTimeSpan || request.LeaseWait >= RunLeaseWaitWithWebhooks
            ? request.LeaseWait
            : RunLeaseWaitWithWebhooks;
        return options with { Accounts = new SingleAccount(account with { Request = request with { LeaseWait = wait } }) };
    }

    private static readonly TimeSpan RunLeaseWaitWithWebhooks = TimeSpan.FromMinutes(1);

    /// <summary>The journal's provider and connection string with any password masked.</summary>
    private static string JournalDescription(PersistenceSettings persistence) =>
        $"{persistence.Provider} ({ConnectionStrings.MaskPassword(persistence.ConnectionString)})";

    /// <summary>
    /// The web host and the engine in it: the actor system through Akka.Hosting (<see cref="EngineServiceCollectionExtensions.AddPaystackEngine"/>),
    /// its CoordinatedShutdown run by the host when it stops, after the schedules (which cancel the running jobs) and
    /// the webhook receiver: hosted services stop in the reverse order of their registration.
    /// </summary>
    private static WebApplication Build(
        ServeOptions options, AdminBinding binding, EngineLogging logging, LogOptions logOptions, WebhookSettings webhookSettings)
    {
        var builder = ServeWebHost.CreateBuilder(binding, logging);
        // The host owns shutdown: Akka must not start its own on process exit while a run is still being cancelled.
        var hostOwnsShutdown = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
        builder.Services.AddPaystackEngine(
            EngineRuntime.EngineOptions(options.Settings, logging, logOptions, inMemoryJournal: false, hostOwnsShutdown),
            akka => akka.WithActorSystemLivenessCheck(tags: [HealthProbes.Live, HealthProbes.Ready]));
        var engineSettings = options.Settings.Settings.Engine;
        builder.Services.AddSingleton(provider => new ServeAccounts(
            provider.GetRequiredService<SyncEngine>(), logging.Logger, engineSettings.StallTimeout, engineSettings.RunTimeout,
            options.RunAtStart, logOptions.Redactor.Register));
        builder.Services.AddSingleton<IAccountsTarget>(provider => provider.GetRequiredService<ServeAccounts>());
        builder.Services.AddSingleton(options.Accounts);
        builder.Services.AddSingleton<Serilog.ILogger>(logging.Logger);
        if (webhookSettings.Enabled)
        {
            builder.Services.AddSingleton(webhookSettings);
            builder.Services.AddSingleton(provider => new WebhookService(
                webhookSettings, provider.GetRequiredService<SyncEngine>(), provider.GetRequiredService<ServeAccounts>().Serving.Single(),
                engineSettings.PageSize, logging.Logger));
            builder.Services.AddHostedService(provider => provider.GetRequiredService<WebhookService>());
        }
        builder.Services.AddHostedService<ScheduleService>();
        if (options.Accounts.WatchedFile is not null) builder.Services.AddHostedService<AccountsReloader>();
        builder.Services.AddOpenApi(document => document.AddDocumentTransformer((openApi, _, _) =>
        {
            openApi.Info.Title = "paystack-sync admin endpoint";
            openApi.Info.Description = "The admin endpoint of paystack-sync serve. With a token configured, /admin and /metrics need Authorization: Bearer TOKEN.";
            return Task.CompletedTask;
        }));
        builder.Services.AddServeHealthChecks(options.Settings.Settings.Persistence);
        builder.Services.AddServeMetrics();
        return builder.Build();
    }

    private static void Map(WebApplication app, AdminBinding binding, ServeAccounts accounts, LogRing ring, WebhookService? webhooks)
    {
        app.UseAdminToken(binding.Token);
        app.UseBrowserRequestGuard(binding.Token);
        app.MapOpenApi();
        app.MapHealthProbes();
        app.MapAdmin(accounts, ring, webhooks is null ? null : webhooks.StatusAsync);
        app.MapWebhookStatus(() => webhooks?.Receiver);
        app.MapPrometheusScrapingEndpoint();
    }

    /// <summary>Completes once SIGTERM or Ctrl+C stopped the host (the running job is cancelled on the way).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync() => _app.StopAsync();

    /// <summary>Stops the host (the schedules, which cancel the running jobs, the webhook receiver, then the actor system) and frees it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        // After SIGTERM or Ctrl+C the host has stopped itself (WaitForShutdownAsync); its services stop only once.
        if (!_app.Lifetime.ApplicationStopped.IsCancellationRequested) await _app.StopAsync();
        _logging.Logger.ForContext("SourceContext", "Paystack.Serve").Information("Stopped");
        await _app.DisposeAsync();
        await _logging.DisposeAsync();
    }
}
