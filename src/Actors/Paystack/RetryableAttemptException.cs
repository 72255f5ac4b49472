namespace Paystack.Actors.Paystack;

/// <summary>One attempt failed in a way another attempt may fix (429, 408, 5xx, reset, timeout, unreadable body).</summary>
/// <param name="Kind">The kind reported if no attempt succeeds.</param>
/// <param name="Cause">What went wrong, for a person; never contains the key.</param>
/// <param name="StatusCode">The HTTP status, when a response arrived.</param>
/// <param name="ServerDelay">How long the server asked us to wait (Retry-After, or X-RateLimit-Reset on a 429).</param>
/// <param name="Attempt">1-based number of the attempt that failed.</param>
/// <param name="Request">Method and relative URL, for log lines and messages.</param>
internal sealed class RetryableAttemptException(
    PaystackErrorKind kind,
    string cause,
    int? statusCode,
    TimeSpan? serverDelay,
    int attempt,
    string request,
    Exception? inner = null)
    : Exception(cause, inner)
{
    public PaystackErrorKind Kind { get; } = kind;
    public string Cause { get; } = cause;
    public int? StatusCode { get; } = statusCode;
    public TimeSpan? ServerDelay { get; } = serverDelay;
    public int Attempt { get; } = attempt;
    public string Request { get; } = request;
}
