using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paystack.Actors.Cluster;
using Paystack.Actors.Engine;
using Paystack.Actors.Hosting;
using Paystack.Actors.Logging;
using Paystack.Actors.Monitoring;
using Paystack.Host.Admin;
using Paystack.Host.Admin.Health;
using Paystack.Host.Running;
using Paystack.Host.Serve.Accounts;
using Serilog;
using ClusterOptions = Paystack.Actors.Cluster.ClusterOptions;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// <c>serve --cluster</c>: this process is one member of a cluster whose members share the accounts of one accounts
/// file. The shard region places each account's entity (its schedule, runs and rate limiter) on one member; the admin
/// endpoint answers about every account, wherever it lives. The actor system is the web host's (Akka.Hosting, as for
/// serve): stopping the host (SIGTERM) runs CoordinatedShutdown, which leaves the cluster first, so the accounts here
/// move to the other members at once.
/// </summary>
internal sealed class ClusterServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EngineLogging _logging;
    private readonly ActorSystem _system;
    private bool _disposed;

    private ClusterServeHost(WebApplication app, EngineLogging logging, ActorSystem system, ClusterAccounts accounts)
    {
        _app = app;
        _logging = logging;
        _system = system;
        Accounts = accounts;
    }

    public ClusterAccounts Accounts { get; }

    public IReadOnlyList<Uri> Addresses => _app.Urls.Select(u => new Uri(u)).ToList();

    /// <exception cref="ArgumentException">The admin binding is not allowed.</exception>
    /// <exception cref="IOException">The admin address is taken.</exception>
    public static async Task<ClusterServeHost> StartAsync(ServeOptions options, ClusterOptions cluster, TextWriter? logOutput = null, CancellationToken cancellationToken = default)
    {
        var loaded = options.Settings;
        var urls = options.AdminUrls ?? AdminBinding.Split(loaded.Config.GetString(AdminBinding.UrlsSetting, AdminBinding.DefaultUrl));
        var binding = AdminBinding.Create(urls, options.AdminToken);
        var initial = options.Accounts.Load();

        var (logOptions, ring) = ServeLogging.Options(options, binding, initial.Accounts, logOutput);
        var logging = EngineLogging.Start(logOptions, initial.Accounts.FirstOrDefault()?.Request.Source.SecretKey ?? "");
        WebApplication? app = null;
        try
        {
            var directory = new ReloadingAccountDirectory();
            app = Build(options, cluster, binding, logging, logOptions);
            // Resolving the engine builds the actor system (a cluster member joining its seeds) before anything is served.
            var engine = app.Services.GetRequiredService<SyncEngine>();
            var log = logging.Logger.ForContext("SourceContext", "Paystack.Serve");
            var akkaCluster = Akka.Cluster.Cluster.Get(engine.System);
            // Without seeds this node is a cluster of its own; others may join it later.
            if (cluster.SeedNodes.Count == 0) await akkaCluster.JoinAsync(akkaCluster.SelfAddress, cancellationToken);
            var local = app.Services.GetRequiredService<LocalAccounts>();
            var services = new AccountEntityServices(engine, directory)
            {
                FirstRunAtStart = options.RunAtStart,
                Watchers = (name, limiter) => local.Watching(name, limiter, new ServeRunWatcher(
                    directory.Find(name)?.Request ?? throw new InvalidOperationException($"Account {name} is not configured on this node."),
                    log)),
            };
            var region = await AccountSharding.StartAsync(services, cluster.NumberOfShards);
            var accounts = new ClusterAccounts(region, akkaCluster.SelfAddress.ToString(), directory, logOptions.Redactor.Register, logging.Logger);
            SyncMetrics.ObserveAccounts(accounts.Validity);
            await accounts.UseAsync(initial);
            Map(app, binding, accounts, engine.System, ring);
            await app.StartAsync(cancellationToken);
            log.Information(
                "Cluster member {Self} serving {Count} accounts from {File} ({Refused} entries refused); seeds {Seeds}; admin endpoint on {Urls}{Token}",
                akkaCluster.SelfAddress.ToString(), initial.Accounts.Count, options.Accounts.WatchedFile, initial.Problems.Count,
                cluster.SeedNodes.Count == 0 ? "none (this node starts the cluster)" : string.Join(", ", cluster.SeedNodes),
                string.Join(", ", app.Urls), binding.Token is null ? "" : " (token required)");
            // Once this member is Up its share of the accounts (and any remembered ones) can start: wake every account then.
            akkaCluster.RegisterOnMemberUp(() =>
            {
                log.Information("Cluster member {Self} is up", akkaCluster.SelfAddress.ToString());
                _ = accounts.WakeAllAsync(CancellationToken.None);
            });
            return new ClusterServeHost(app, logging, engine.System, accounts);
        }
        catch
        {
            await ServeWebHost.AbandonAsync(app, logging);
            throw;
        }
    }

    private static WebApplication Build(ServeOptions options, ClusterOptions cluster, AdminBinding binding, EngineLogging logging, LogOptions logOptions)
    {
        var builder = ServeWebHost.CreateBuilder(binding, logging);
        // The host owns shutdown (leaving the cluster included): Akka must not start its own on process exit.
        var member = ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off").WithFallback(ClusterConfig.For(cluster));
        builder.Services.AddPaystackEngine(
            EngineRuntime.EngineOptions(options.Settings, logging, logOptions, inMemoryJournal: false, member) with { SystemName = ClusterConfig.SystemName },
            akka => akka
                .WithActorSystemLivenessCheck(tags: [HealthProbes.Live, HealthProbes.Ready])
                .WithAkkaClusterReadinessCheck(tags: [HealthProbes.Ready]));
        builder.Services.AddSingleton(options.Accounts);
        builder.Services.AddSingleton<IAccountsTarget>(provider => provider.GetRequiredService<ClusterAccountsHolder>().Accounts);
        builder.Services.AddSingleton<ClusterAccountsHolder>();
        builder.Services.AddSingleton<Serilog.ILogger>(logging.Logger);
        builder.Services.AddHostedService<AccountsReloader>();
        // Each member exports the runs it ran (records, requests, run outcomes by account) and the entries it refused.
        builder.Services.AddServeMetrics();
        builder.Services.AddSingleton<LocalAccounts>();
        builder.Services.AddClusterHealthChecks(options.Settings.Settings.Persistence, provider => provider.GetRequiredService<ClusterAccountsHolder>().Accounts,
            options.Settings.Settings.Engine.StallTimeout);
        return builder.Build();
    }

    private static void Map(WebApplication app, AdminBinding binding, ClusterAccounts accounts, ActorSystem system, LogRing ring)
    {
        app.Services.GetRequiredService<ClusterAccountsHolder>().Accounts = accounts;
        app.UseAdminToken(binding.Token);
        app.UseBrowserRequestGuard(binding.Token);
        app.MapHealthProbes();
        app.MapClusterAdmin(accounts, system, ring);
        app.MapPrometheusScrapingEndpoint();
    }

    /// <summary>Completes once SIGTERM or Ctrl+C stopped the host, or the actor system ended under it.</summary>
    /// <returns>True when this member was downed: it must be started again to rejoin.</returns>
    public async Task<bool> WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAny(_app.WaitForShutdownAsync(cancellationToken), _system.WhenTerminated);
        if (CoordinatedShutdown.Get(_system).ShutdownReason is not CoordinatedShutdown.ClusterDowningReason) return false;
        _logging.Logger.ForContext("SourceContext", "Paystack.Serve").Error(
            "This member was downed by the cluster (its actor system stopped); stopping so that it can be started again and rejoin");
        return true;
    }

    /// <summary>Stops the host (the reloader, then the actor system through CoordinatedShutdown, which leaves the cluster) and frees it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_app.Lifetime.ApplicationStopped.IsCancellationRequested) await _app.StopAsync();
        _logging.Logger.ForContext("SourceContext", "Paystack.Serve").Information("Stopped");
        await _app.DisposeAsync();
        await _logging.DisposeAsync();
    }

    /// <summary>The accounts, known once the shard region has started (after the host is built); the reloader starts later, with the host.</summary>
    private sealed class ClusterAccountsHolder
    {
        public ClusterAccounts Accounts { get; set; } = null!;
    }
}
