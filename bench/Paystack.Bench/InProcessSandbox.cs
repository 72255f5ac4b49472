using Paystack.Sandbox;

namespace Paystack.Bench;

/// <summary>The sandbox on in-process Kestrel (127.0.0.1): its CPU and memory count towards this process's figures.</summary>
public sealed class InProcessSandbox : ISandboxEndpoint
{
    private readonly SandboxServer _server;

    private InProcessSandbox(SandboxServer server) => _server = server;

    public static async Task<InProcessSandbox> StartAsync(BenchCase benchCase)
    {
        var options = new SandboxOptions
        {
            RecordsPerStream = 0,
            TestRateLimit = benchCase.RateLimit ?? SandboxLimits.Unlimited,
            LiveRateLimit = benchCase.RateLimit ?? SandboxLimits.Unlimited,
            RateLimitWindow = benchCase.RateWindow,
            MaxPageSize = BenchCase.PageSize,
            Faults = { Latency = benchCase.Latency },
        };
        foreach (var (path, count) in benchCase.Records) options.Records[path] = count;
        return new InProcessSandbox(await SandboxServer.StartAsync(options));
    }

    public Uri BaseUrl => _server.BaseUrl;

    public string TestKey => _server.Options.TestKey;

    public string Placement => "in-process";

    public TimeSpan? ProcessorTime => null;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
