using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Serilog;

namespace Paystack.Host.Serve;

/// <summary>What `serve` and `serve --cluster` build their web host from, and how a start that failed is undone.</summary>
internal static class ServeWebHost
{
    /// <summary>
    /// A slim web host on the admin endpoint's addresses, logging through the engine's Serilog logger, telling systemd
    /// (Type=notify) READY=1 once it listens and STOPPING=1 on shutdown (a no-op elsewhere), and giving a run
    /// <see cref="ServeHost.ShutdownTimeout"/> to end on shutdown.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(AdminBinding binding, EngineLogging logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseSystemd();
        builder.WebHost.UseUrls([.. binding.Urls]);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logging.Logger, dispose: false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ServeHost.ShutdownTimeout);
        return builder;
    }

    /// <summary>Stops and disposes what a start that failed had built (the app, if it got that far), then the logging.</summary>
    public static async Task AbandonAsync(WebApplication? app, EngineLogging logging)
    {
        if (app is not null)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
        await logging.DisposeAsync();
    }
}
