using System.Globalization;
using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Fetching;

/// <summary>A pause Paystack asked for, and which header asked for it.</summary>
internal sealed record RateLimiterAsk(TimeSpan Pause, string Source)
{
    /// <summary>What a 429 asks: Retry-After, else the reset, else a second.</summary>
    public static RateLimiterAsk For429(RateLimitHeaders headers, TimeSpan? reset) =>
        headers.RetryAfter is { } retryAfter ? new(retryAfter, "Retry-After")
        : reset is { } r ? new(r, "X-RateLimit-Reset")
        : new(TimeSpan.FromSeconds(1), "a 429 without Retry-After");

    /// <summary>The error of a request refused because this ask is longer than max-pause.</summary>
    public PaystackApiException Refusal(DateTimeOffset askedAt, TimeSpan maxPause) => new(
        PaystackErrorKind.Transient,
        $"Paystack asked this key to pause for {Describe(Pause)} ({Seconds(Pause)} s, by {Source}, until " +
        $"{(askedAt + Pause).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z), longer than " +
        $"paystack-sync.rate-limits.max-pause ({HoconDuration.Format(maxPause)}); the request was refused instead of waiting that long",
        429);

    private static string Describe(TimeSpan pause) =>
        pause >= TimeSpan.FromDays(1) ? $"{pause.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} d"
        : pause >= TimeSpan.FromHours(1) ? $"{pause.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"
        : $"{pause.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min";

    private static string Seconds(TimeSpan pause) => pause.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
