using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Reads one page of a Paystack list endpoint over HTTP. Every attempt, retries included, passes the
/// <see cref="IRequestGate"/> first and reports its response to it, so the rate limiter sees all traffic.
/// </summary>
public sealed class PaystackClient : IPaystackClient, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("paystack-sync", "1.0");

    private readonly PaystackClientOptions _options;
    private readonly Uri _baseUrl;
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly IRequestGate _gate;
    private readonly ILogger _logger;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly ResiliencePipeline<PageResult> _pipeline;

    /// <summary>A client with its own connection pool (one <see cref="SocketsHttpHandler"/>), disposed with the client.</summary>
    public PaystackClient(PaystackClientOptions options, IRequestGate? gate = null, ILogger? logger = null)
        : this(options, new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan }, ownsHttpClient: true, gate, logger)
    {
    }

    /// <summary>A client over the caller's <see cref="HttpClient"/>, which the caller keeps and disposes.</summary>
    public PaystackClient(PaystackClientOptions options, HttpClient httpClient, IRequestGate? gate = null, ILogger? logger = null)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttpClient: false, gate, logger)
    {
    }

    private PaystackClient(PaystackClientOptions options, HttpClient httpClient, bool ownsHttpClient, IRequestGate? gate, ILogger? logger)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            Validate(options);
            _options = options;
            _baseUrl = BaseUrlPolicy.Validate(options.BaseUrl);
        }
        catch when (ownsHttpClient)
        {
            httpClient.Dispose();
            throw;
        }

        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _gate = gate ?? IRequestGate.Unlimited;
        _logger = logger ?? NullLogger.Instance;
        _authorization = new AuthenticationHeaderValue("Bearer", options.SecretKey);
        _pipeline = PaystackRetryPipeline.Build(options, _logger);
    }

    /// <summary>The handler a client creates for itself: pooled connections renewed now and then (DNS changes), no redirects.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        AutomaticDecompression = DecompressionMethods.All,
        // A redirect would resend the request elsewhere; the API never redirects, so it is reported instead.
        AllowAutoRedirect = false,
    };

    public async Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl, PageQuery.Build(request));
        var call = new Call(this, request, uri, "GET " + uri.PathAndQuery);
        try
        {
            return await _pipeline.ExecuteAsync(static (call, ct) => call.Client.AttemptAsync(call, ct), call, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RetryableAttemptException last)
        {
            var attempts = call.Attempts == 1 ? "1 attempt" : $"{call.Attempts} attempts";
            throw new PaystackApiException(last.Kind, $"{call.Label} failed after {attempts}: {last.Cause}", last.StatusCode);
        }
    }

    public async Task<PaystackRecord?> GetRecordAsync(StreamDefinition stream, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var uri = new Uri(_baseUrl, stream.Path + "/" + Uri.EscapeDataString(id));
        var call = new Call(this, new PageRequest(stream, 1, 1), uri, "GET " + uri.PathAndQuery) { OneRecord = true };
        try
        {
            var page = await _pipeline.ExecuteAsync(static (call, ct) => call.Client.AttemptAsync(call, ct), call, cancellationToken)
                .ConfigureAwait(false);
            return page.Records[0];
        }
        catch (PaystackApiException missing) when (missing.StatusCode == 404)
        {
            return null;
        }
        catch (RetryableAttemptException last)
        {
            var attempts = call.Attempts == 1 ? "1 attempt" : $"{call.Attempts} attempts";
            throw new PaystackApiException(last.Kind, $"{call.Label} failed after {attempts}: {last.Cause}", last.StatusCode);
        }
    }

    private async ValueTask<PageResult> AttemptAsync(Call call, CancellationToken cancellationToken)
    {
        var attempt = ++call.Attempts;
        var permit = await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, call.Uri);
            message.Headers.Authorization = _authorization;
            message.Headers.Accept.Add(AcceptJson);
            message.Headers.UserAgent.Add(UserAgent);

            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            status = (int)response.StatusCode;
            var headers = RateLimitHeaderParser.Parse(response.Headers, DateTimeOffset.UtcNow);
            _gate.Report(permit, status.Value, headers);
            if (status == 429)
            {
                call.RateLimited++;
            }

            using var body = await ResponseBuffer.ReadAsync(response.Content, timeout.Token).ConfigureAwait(false);
            PaystackClientLog.Response(_logger, call.Label, status.Value, ElapsedMs(started), attempt);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status is >= 200 and < 300)
            {
                var (records, meta) = call.OneRecord
                    ? PaystackPageParser.ParseOne(body.Memory, call.Request.Stream, mediaType)
                    : PaystackPageParser.Parse(body.Memory, call.Request.Stream, mediaType);
                return new PageResult(records, meta, headers, attempt, call.RateLimited);
            }

            throw FailureClassifier.ForStatus(
                status.Value, body.Memory, mediaType, headers, response.Headers.Location?.ToString(), attempt, call.Label, Scrub);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = FailureClassifier.ForTimeout(_options.RequestTimeout, attempt, call.Label);
            PaystackClientLog.Failed(_logger, call.Label, ElapsedMs(started), attempt, failure.Cause);
            throw failure;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var failure = FailureClassifier.ForTransport(ex, call.Uri, attempt, call.Label, status);
            PaystackClientLog.Failed(_logger, call.Label, ElapsedMs(started), attempt, failure.Cause);
            throw failure;
        }
        catch (InvalidBodyException ex)
        {
            var cause = $"Paystack answered with {ex.Description} (HTTP {status})";
            if (ex.Retryable)
            {
                throw new RetryableAttemptException(PaystackErrorKind.InvalidResponse, cause, status, null, attempt, call.Label);
            }

            throw new PaystackApiException(PaystackErrorKind.InvalidResponse, $"{call.Label}: {Scrub(cause)}", status);
        }
        finally
        {
            // No response: the gate must not wait for one (it may hold the key's next owner until it has).
            if (status is null) _gate.Abandon(permit);
        }
    }

    /// <summary>Belt and braces: text that came from the server is cleared of the key before it reaches a message.</summary>
    private string Scrub(string text) =>
        _options.SecretKey.Length >= 4 ? text.Replace(_options.SecretKey, "***", StringComparison.Ordinal) : text;

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static void Validate(PaystackClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            throw new ArgumentException("The Paystack secret key is empty.", nameof(options));
        }

        if (options.SecretKey.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The Paystack secret key contains whitespace; check for a stray space or line break.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"The request timeout must be positive (got {options.RequestTimeout}).", nameof(options));
        }

        if (options.MaxRetries < 0)
        {
            throw new ArgumentException($"The number of retries cannot be negative (got {options.MaxRetries}).", nameof(options));
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentException($"The retry base delay must be between 0 and 1 day (got {options.RetryBaseDelay}).", nameof(options));
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            throw new ArgumentException(
                $"The retry max delay ({options.RetryMaxDelay}) is below the base delay ({options.RetryBaseDelay}).", nameof(options));
        }
    }

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <summary>One GetPageAsync call: what is asked and what its attempts have counted so far.</summary>
    private sealed class Call(PaystackClient client, PageRequest request, Uri uri, string label)
    {
        public PaystackClient Client { get; } = client;
        public PageRequest Request { get; } = request;
        public Uri Uri { get; } = uri;
        public string Label { get; } = label;
        public int Attempts { get; set; }
        public int RateLimited { get; set; }

        /// <summary>A fetch by id: <c>data</c> is one record rather than a list.</summary>
        public bool OneRecord { get; init; }
    }
}
