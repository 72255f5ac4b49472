namespace Paystack.Actors.Paystack;

/// <summary>How the client reaches Paystack and how hard it retries. Values come from HOCON (<c>paystack-sync.http</c>).</summary>
/// <param name="BaseUrl">API root, <c>https://api.paystack.co/</c> by default; plain HTTP is accepted only for loopback.</param>
/// <param name="SecretKey">The key sent as a bearer token. Never logged, never part of a message.</param>
/// <param name="RequestTimeout">Limit for one HTTP attempt.</param>
/// <param name="MaxRetries">Retries after the first attempt for 429, 408, 5xx, resets, timeouts and unreadable bodies.</param>
/// <param name="RetryBaseDelay">First backoff delay; doubles per retry, with jitter.</param>
/// <param name="RetryMaxDelay">Cap for one backoff delay, including a server's Retry-After.</param>
public sealed record PaystackClientOptions(
    Uri BaseUrl,
    string SecretKey,
    TimeSpan RequestTimeout,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    TimeSpan RetryMaxDelay)
{
    public static Uri DefaultBaseUrl { get; } = new("https://api.paystack.co/");

    /// <summary>Defaults matching hocon/paystack-sync.conf, for tools and tests that do not load HOCON.</summary>
    public static PaystackClientOptions Default(string secretKey, Uri? baseUrl = null) =>
        new(baseUrl ?? DefaultBaseUrl, secretKey, TimeSpan.FromSeconds(30), 6, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    /// <summary>Keeps the key out of any accidental ToString (logs, exception messages, debugger displays).</summary>
    public override string ToString() =>
        $"PaystackClientOptions {{ BaseUrl = {BaseUrl}, SecretKey = ***, RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries} }}";
}
