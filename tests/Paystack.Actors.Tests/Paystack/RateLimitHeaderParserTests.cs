using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class RateLimitHeaderParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static RateLimitHeaders Parse(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return RateLimitHeaderParser.Parse(response.Headers, Now);
    }

    [Fact]
    public void All_four_headers_are_read()
    {
        Assert.Equal(
            new RateLimitHeaders(100, 7, TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(3)),
            Parse(("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "7"), ("X-RateLimit-Reset", "42"), ("Retry-After", "3")));
    }

    [Fact]
    public void Retry_after_as_an_http_date_becomes_a_wait_from_now() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Parse(("Retry-After", "Wed, 01 Jan 2025 12:00:30 GMT")).RetryAfter);

    [Fact]
    public void A_date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, Parse(("Retry-After", "Wed, 01 Jan 2025 11:00:00 GMT")).RetryAfter);

    [Fact]
    public void Missing_or_garbled_headers_are_null()
    {
        Assert.Same(RateLimitHeaders.None, Parse());
        Assert.Equal(RateLimitHeaders.None, Parse(("X-RateLimit-Limit", "lots"), ("Retry-After", "soon"), ("X-RateLimit-Reset", "-4")));
        Assert.Equal(TimeSpan.FromSeconds(1.5), Parse(("X-RateLimit-Reset", "1.5")).Reset);
    }

    [Fact]
    public void A_reset_given_as_a_unix_time_is_read_as_the_time_left_until_it()
    {
        var inTwoMinutes = Now.AddMinutes(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var past = Now.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromMinutes(2), Parse(("X-RateLimit-Reset", inTwoMinutes)).Reset);
        Assert.Equal(TimeSpan.Zero, Parse(("X-RateLimit-Reset", past)).Reset);
    }
}
