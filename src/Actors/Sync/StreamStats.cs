namespace Paystack.Actors.Sync;

/// <summary>Counters of one stream's run, as reported to the supervisor and the user.</summary>
public sealed record StreamStats(
    long Records,
    long Pages,
    long Requests,
    long Retries,
    long RateLimited,
    long WindowsDone,
    long WindowsOpen,
    long PagesInFlight)
{
    public static StreamStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
