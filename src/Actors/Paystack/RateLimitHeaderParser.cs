using System.Globalization;
using System.Net.Http.Headers;

namespace Paystack.Actors.Paystack;

/// <summary>Reads X-RateLimit-Limit/-Remaining/-Reset and Retry-After; a header that is absent or unreadable stays null.</summary>
internal static class RateLimitHeaderParser
{
    public static RateLimitHeaders Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var limit = ReadInt(headers, "X-RateLimit-Limit");
        var remaining = ReadInt(headers, "X-RateLimit-Remaining");
        var reset = ReadSeconds(headers, "X-RateLimit-Reset") is { } seconds ? RateLimitHeaders.ResetDelay(seconds, now) : (TimeSpan?)null;
        var retryAfter = ReadRetryAfter(headers, now);
        return limit is null && remaining is null && reset is null && retryAfter is null
            ? RateLimitHeaders.None
            : new RateLimitHeaders(limit, remaining, reset, retryAfter);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        int.TryParse(First(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : null;

    private static TimeSpan? ReadSeconds(HttpResponseHeaders headers, string name) =>
        double.TryParse(First(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>Retry-After is either delta-seconds or an HTTP date; a date in the past means "now".</summary>
    private static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        RetryConditionHeaderValue? value;
        try
        {
            value = headers.RetryAfter;
        }
        catch (FormatException)
        {
            return null;
        }

        if (value?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
