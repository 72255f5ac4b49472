namespace Paystack.Actors.Paystack;

/// <summary>What a response said about the key's rate limit; any part may be missing.</summary>
/// <param name="Limit">X-RateLimit-Limit: requests allowed per window.</param>
/// <param name="Remaining">X-RateLimit-Remaining: requests left in the current window.</param>
/// <param name="Reset">X-RateLimit-Reset: time until the window resets.</param>
/// <param name="RetryAfter">Retry-After: how long to wait before the next request.</param>
public sealed record RateLimitHeaders(int? Limit, int? Remaining, TimeSpan? Reset, TimeSpan? RetryAfter)
{
    public static RateLimitHeaders None { get; } = new(null, null, null, null);
}
