namespace Paystack.Bench;

/// <summary>The figures of one case, as a child process reports them to the parent (one JSON line).</summary>
public sealed record CaseResult(
    string Name,
    string Scenario,
    string Sandbox,
    string Destination,
    bool Succeeded,
    string? Error,
    long Records,
    long Requests,
    double DurationSeconds,
    double RecordsPerSecond,
    double RequestsPerSecond,
    double? SteadyRecordsPerSecond,
    double? SteadySeconds,
    double? CeilingRecordsPerSecond,
    double? CeilingRequestsPerSecond,
    double CpuSeconds,
    double? SandboxCpuSeconds,
    long PeakWorkingSetBytes,
    long PeakHeapBytes,
    long PeakHeapAfterGcBytes,
    int Gen2Collections,
    string LoadAverage)
{
    /// <summary>Records per CPU-second of this process: what the engine could sustain per core if it had the core to itself.</summary>
    public double RecordsPerCpuSecond => CpuSeconds > 0 ? Records / CpuSeconds : 0;

    /// <summary>Records per second over the whole run as a fraction of the rate-limit ceiling.</summary>
    public double? CeilingFraction => CeilingRecordsPerSecond is { } c ? RecordsPerSecond / c : null;

    /// <summary>The same over the steady part.</summary>
    public double? SteadyCeilingFraction => CeilingRecordsPerSecond is { } c && SteadyRecordsPerSecond is { } s ? s / c : null;

    /// <summary>Requests per second over the whole run as a fraction of the rate limit.</summary>
    public double? LimitFraction => CeilingRequestsPerSecond is { } c ? RequestsPerSecond / c : null;
}
