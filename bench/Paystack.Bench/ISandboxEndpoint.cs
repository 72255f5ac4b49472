namespace Paystack.Bench;

/// <summary>A running sandbox the engine syncs from, in this process or in a child process.</summary>
public interface ISandboxEndpoint : IAsyncDisposable
{
    Uri BaseUrl { get; }

    string TestKey { get; }

    /// <summary>"in-process" or "external".</summary>
    string Placement { get; }

    /// <summary>CPU used by a separate sandbox process so far; null when the sandbox shares this process.</summary>
    TimeSpan? ProcessorTime { get; }
}
