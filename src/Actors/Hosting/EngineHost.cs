using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Hosting;

/// <summary>
/// The lean start-up path of the verbs that run one job and exit (<c>sync</c>, <c>read</c>, <c>demo</c>), of the
/// benchmarks and of engine tests: a Generic Host holding nothing but the engine (<see cref="EngineServiceCollectionExtensions.AddPaystackEngine"/>),
/// without configuration files, logging providers or a console lifetime. The verb's own cancellation stops its run;
/// disposing the host runs CoordinatedShutdown.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _disposed;

    private EngineHost(IHost host, SyncEngine engine)
    {
        _host = host;
        Engine = engine;
    }

    public SyncEngine Engine { get; }

    public ActorSystem System => Engine.System;

    public IServiceProvider Services => _host.Services;

    /// <exception cref="ArgumentException">The persistence settings are unusable (see <see cref="JournalConfig.Prepare"/>).</exception>
    public static async Task<EngineHost> StartAsync(EngineSystemOptions options, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPaystackEngine(options);
        // The verb owns SIGTERM and Ctrl+C (they cancel its run); the host must not stop the engine under it.
        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        var host = builder.Build();
        try
        {
            // Built here, not inside the hosted service, so a configuration error reaches the caller as it is,
            // instead of being printed to stdout by Akka.Hosting on the way.
            var engine = host.Services.GetRequiredService<SyncEngine>();
            await host.StartAsync(cancellationToken);
            return new EngineHost(host, engine);
        }
        catch
        {
            await DisposeHostAsync(host);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _host.StopAsync();
        await DisposeHostAsync(_host);
    }

    private static async ValueTask DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else host.Dispose();
    }

    /// <summary>A lifetime that waits for nothing and listens to no signal.</summary>
    private sealed class VerbLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
