using System.Text;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class FailureClassifierTests
{
    private const string Request = "GET /transaction?perPage=50&page=1";
    private static readonly byte[] RateLimitedBody = Encoding.UTF8.GetBytes(
        """{"status":false,"message":"Rate limit exceeded!","meta":{"nextStep":"Wait a few minutes and try the API call again"},"type":"api_error","code":"rate_limited"}""");

    private static Exception Classify(int status, byte[] body, RateLimitHeaders headers, string? mediaType = "application/json") =>
        FailureClassifier.ForStatus(status, body, mediaType, headers, null, 1, Request, s => s);

    [Fact]
    public void A_429_waits_for_Retry_After_first_then_for_the_window_reset()
    {
        var both = Assert.IsType<RetryableAttemptException>(Classify(429, RateLimitedBody, new(100, 0, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(3))));
        Assert.Equal(TimeSpan.FromSeconds(3), both.ServerDelay);

        var resetOnly = Assert.IsType<RetryableAttemptException>(Classify(429, RateLimitedBody, new(100, 0, TimeSpan.FromSeconds(40), null)));
        Assert.Equal(TimeSpan.FromSeconds(40), resetOnly.ServerDelay);
        Assert.Equal("rate limited by Paystack (429): Rate limit exceeded! (api_error/rate_limited). Next step: Wait a few minutes and try the API call again", resetOnly.Cause);
    }

    [Fact]
    public void A_5xx_ignores_the_window_reset_but_honours_Retry_After()
    {
        var body = Encoding.UTF8.GetBytes("""{"status":false,"message":"Service temporarily unavailable"}""");
        Assert.Null(Assert.IsType<RetryableAttemptException>(Classify(503, body, new(100, 5, TimeSpan.FromSeconds(40), null))).ServerDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.IsType<RetryableAttemptException>(Classify(503, body, new(null, null, null, TimeSpan.FromSeconds(2)))).ServerDelay);
    }

    [Theory]
    [InlineData(400, PaystackErrorKind.BadRequest, "Paystack refused the request's parameters (400): Invalid 'from' date (validation_error/invalid_params)")]
    [InlineData(401, PaystackErrorKind.Unauthorized, "the secret key was rejected (401): Invalid 'from' date")]
    [InlineData(403, PaystackErrorKind.Unauthorized, "the secret key is not allowed to read this endpoint (403)")]
    [InlineData(404, PaystackErrorKind.NotFound, "the endpoint was not found (404)")]
    [InlineData(422, PaystackErrorKind.BadRequest, "Paystack refused the request (422)")]
    public void Client_errors_are_final_with_a_readable_message(int status, PaystackErrorKind kind, string fragment)
    {
        var body = Encoding.UTF8.GetBytes("""{"status":false,"message":"Invalid 'from' date","type":"validation_error","code":"invalid_params"}""");
        var ex = Assert.IsType<PaystackApiException>(Classify(status, body, RateLimitHeaders.None));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.StartsWith(Request + ": ", ex.Message);
        Assert.Contains(fragment, ex.Message);
    }

    [Fact]
    public void A_server_message_that_echoes_the_key_is_scrubbed()
    {
        var body = Encoding.UTF8.GetBytes("""{"status":false,"message":"Invalid key sk_test_abcdef123456"}""");
        var ex = FailureClassifier.ForStatus(401, body, null, RateLimitHeaders.None, null, 1, Request, s => s.Replace("sk_test_abcdef123456", "***"));
        Assert.EndsWith("the secret key was rejected (401): Invalid key ***", ex.Message);
    }

    [Fact]
    public void A_401_with_an_html_body_still_says_the_key_was_rejected()
    {
        var ex = Assert.IsType<PaystackApiException>(Classify(401, Encoding.UTF8.GetBytes("<html>denied</html>"), RateLimitHeaders.None, "text/html"));
        Assert.EndsWith("the secret key was rejected (401): Paystack answered with an HTML page instead of JSON", ex.Message);
    }
}
