namespace Paystack.Bench;

/// <summary>One measured sync: the sandbox's data and limits, and how the engine is configured against them.</summary>
/// <param name="Name">Unique name, used to run the case alone (<c>--case NAME</c>).</param>
/// <param name="Scenario">The scenario it belongs to: ceiling, memory, unlimited or postgres.</param>
/// <param name="Records">Records per resource path; a path absent here has none.</param>
/// <param name="RateLimit">Requests per <paramref name="RateWindow"/>, the same for the sandbox and the engine; null is unlimited.</param>
/// <param name="Latency">Delay the sandbox adds to every answer.</param>
/// <param name="Destination"><c>memory</c> (InMemoryDestination) or <c>sqlite</c> (a file in the temp folder).</param>
/// <param name="FetchersPerStream">Page fetchers per stream.</param>
/// <param name="MaxInFlight">Requests in flight per key at most.</param>
public sealed record BenchCase(
    string Name,
    string Scenario,
    IReadOnlyDictionary<string, int> Records,
    int? RateLimit,
    TimeSpan RateWindow,
    TimeSpan Latency,
    string Destination,
    int FetchersPerStream,
    int MaxInFlight)
{
    public const int PageSize = 100;

    public long TotalRecords => Records.Values.Sum(n => (long)n);

    /// <summary>Records per second the rate limit allows at full pages; null when unlimited.</summary>
    public double? CeilingRecordsPerSecond => RateLimit is { } limit ? limit / RateWindow.TotalSeconds * PageSize : null;

    /// <summary>Requests per second the rate limit allows; null when unlimited.</summary>
    public double? CeilingRequestsPerSecond => RateLimit is { } limit ? limit / RateWindow.TotalSeconds : null;

    /// <summary>The stream names the job selects: those whose resource has records.</summary>
    public IReadOnlyList<string> Streams => Actors.Paystack.StreamCatalog.All
        .Where(s => Records.TryGetValue(s.Path, out var n) && n > 0)
        .Select(s => s.Name)
        .ToList();
}
