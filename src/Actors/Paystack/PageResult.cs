namespace Paystack.Actors.Paystack;

/// <summary>One page as fetched: its records in the order Paystack sent them (newest first), the meta and the limit headers.</summary>
/// <param name="Attempts">HTTP attempts it took, 1 when no retry was needed.</param>
/// <param name="RateLimited">How many of those attempts were answered with 429.</param>
public sealed record PageResult(
    IReadOnlyList<PaystackRecord> Records,
    PageMeta Meta,
    RateLimitHeaders RateLimit,
    int Attempts = 1,
    int RateLimited = 0);
