using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>The requests a stream's run made (not durable: a resumed run counts from zero) and its reports from state.</summary>
internal sealed class StreamCounters
{
    private long _requests, _retries, _rateLimited;

    public void Count(PageResult result)
    {
        _requests += result.Attempts;
        _retries += result.Attempts - 1;
        _rateLimited += result.RateLimited;
    }

    public StreamStats Stats(StreamState state, int inFlight) => new(
        state.Run?.Records ?? 0,
        state.Run?.PagesCompleted ?? 0,
        _requests,
        _retries,
        _rateLimited,
        state.Run?.WindowsCompleted ?? 0,
        state.Run?.OpenWindows.Count ?? 0,
        inFlight);

    /// <summary>Pages of the run known so far: completed ones plus those left in open windows (an unwalked window counts one).</summary>
    public static long PagesPlanned(StreamState state, Func<TimeWindow, WindowProgress, int?> pageCount)
    {
        if (state.Run is not { } run) return 0;
        long planned = run.PagesCompleted;
        foreach (var (window, progress) in run.OpenWindows)
            planned += pageCount(window, progress) is { } known ? Math.Max(0, known - progress.CompletedPages.Count) : 1;
        return planned;
    }
}
