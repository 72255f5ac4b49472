using Paystack.Host.Serve;
using Paystack.Host.Tests.Serve;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>
/// serve on loopback (no token) after one run of two streams through a rate limit and failing requests.
/// </summary>
internal sealed class MonitoredServe : IAsyncDisposable
{
    public const string Streams = "transactions,customers";

    private MonitoredServe(ServeEnvironment environment, ServeHost host, DateTimeOffset started)
    {
        Environment = environment;
        Host = host;
        Started = started;
        Client = ServeEnvironment.Client(host.Addresses[0], token: null);
    }

    public ServeEnvironment Environment { get; }
    public ServeHost Host { get; }
    public HttpClient Client { get; }
    public DateTimeOffset Started { get; }

    public static async Task<MonitoredServe> StartAsync()
    {
        var environment = await ServeEnvironment.StartAsync(sandbox =>
        {
            sandbox.TestRateLimit = 20;
            sandbox.RateLimitWindow = TimeSpan.FromSeconds(1);
            sandbox.Faults.ServerErrorRate = 0.1;
            sandbox.Faults.Seed = 3;
        }, extraHocon: "paystack-sync.engine.page-size = 10");
        var started = DateTimeOffset.UtcNow;
        var host = await ServeHost.StartAsync(environment.Options(token: null, streams: Streams), new LockedStringWriter());
        var serve = new MonitoredServe(environment, host, started);
        await ServeEnvironment.WaitForAsync(serve.Client, ServeEnvironment.LastRunSucceeded, TimeSpan.FromSeconds(90));
        return serve;
    }

    public Task<string> MetricsAsync() => Client.GetStringAsync("metrics");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Environment.DisposeAsync();
    }
}
