namespace Paystack.Actors.Paystack;

/// <summary>What a response said about the key's rate limit; any part may be missing.</summary>
/// <param name="Limit">X-RateLimit-Limit: requests allowed per window.</param>
/// <param name="Remaining">X-RateLimit-Remaining: requests left in the current window.</param>
/// <param name="Reset">X-RateLimit-Reset: time until the window resets (an absolute Unix time already turned into the time left).</param>
/// <param name="RetryAfter">Retry-After: how long to wait before the next request.</param>
public sealed record RateLimitHeaders(int? Limit, int? Remaining, TimeSpan? Reset, TimeSpan? RetryAfter)
{
    public static RateLimitHeaders None { get; } = new(null, null, null, null);

    /// <summary>Above this many seconds an X-RateLimit-Reset is a Unix time: as a delta it would be over 31 years.</summary>
    private const double EpochThresholdSeconds = 1e9;

    /// <summary>The wait an X-RateLimit-Reset means: a Unix time (seconds since 1970) becomes the time left until it.</summary>
    public static TimeSpan ResetDelay(TimeSpan reset, DateTimeOffset now)
    {
        if (reset.TotalSeconds < EpochThresholdSeconds) return reset;
        var left = DateTimeOffset.UnixEpoch + reset - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
