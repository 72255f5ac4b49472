using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Paystack.Actors.Monitoring;

namespace Paystack.Host.Serve;

/// <summary>The Prometheus metrics of serve, a single process or a cluster member alike: the engine's meter and the runtime's.</summary>
internal static class ServeMetrics
{
    /// <summary>Meters .NET itself publishes: the runtime's, and HttpClient's connections, requests and DNS lookups.</summary>
    private static readonly string[] RuntimeMeters = ["System.Runtime", "System.Net.Http", "System.Net.NameResolution"];

    /// <summary>Registers the exporter; <c>MapPrometheusScrapingEndpoint</c> then serves it on <c>/metrics</c>.</summary>
    public static IServiceCollection AddServeMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("paystack-sync"))
            .WithMetrics(metrics => metrics
                .AddMeter(SyncMetrics.MeterName)
                // The runtime's own meters (.NET 9 and later): GC, heap, thread pool, exceptions; and every HttpClient
                // request to Paystack, with its duration, status code and open connections.
                .AddMeter(RuntimeMeters)
                .AddPrometheusLintedNames()
                .AddPrometheusExporter());
        return services;
    }
}
