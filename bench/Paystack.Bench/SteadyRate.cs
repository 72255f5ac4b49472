namespace Paystack.Bench;

/// <summary>
/// The rate over the steady part of a run: from the moment 10% of the records were durable to the moment 90% were,
/// leaving out start-up (planning, first pages) and the tail (the last windows, fewer pages to run in parallel).
/// </summary>
public static class SteadyRate
{
    /// <param name="period">
    /// For a rate-limited run the rolling window: the interval is cut to whole windows, because a sliding-log limiter
    /// grants a window's budget in bursts and only whole windows average out.
    /// </param>
    public static (double RecordsPerSecond, double Seconds)? Of(IReadOnlyList<Sample> samples, TimeSpan? period)
    {
        if (samples.Count < 2) return null;
        var total = samples[^1].Records;
        var start = samples.FirstOrDefault(s => s.Records >= total / 10);
        var end = samples.FirstOrDefault(s => s.Records >= total * 9 / 10);
        if (end.Elapsed <= start.Elapsed) return null;

        if (period is { } window && end.Elapsed - start.Elapsed >= window)
        {
            var whole = Math.Floor((end.Elapsed - start.Elapsed) / window) * window;
            end = samples.Last(s => s.Elapsed <= start.Elapsed + whole);
        }
        var seconds = (end.Elapsed - start.Elapsed).TotalSeconds;
        return ((end.Records - start.Records) / seconds, seconds);
    }
}
