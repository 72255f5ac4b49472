using System.Globalization;
using System.Net.Sockets;

namespace Paystack.Actors.Paystack;

/// <summary>
/// Turns a failed attempt into either a final <see cref="PaystackApiException"/> or a <see cref="RetryableAttemptException"/>.
/// Messages are built here from the status and Paystack's own words; exception messages from the HTTP stack are never
/// reused, so nothing about the request (such as its headers) can leak into them.
/// </summary>
internal static class FailureClassifier
{
    public static Exception ForStatus(
        int status, ReadOnlyMemory<byte> body, string? mediaType, RateLimitHeaders headers, string? location,
        int attempt, string request, Func<string, string> scrub)
    {
        var error = PaystackErrorBody.TryParse(body);
        var detail = error is null
            ? $"Paystack answered with {BodySniffer.Describe(body.Span, mediaType)}"
            : scrub(error.Describe());

        switch (status)
        {
            case 401:
                return Final(PaystackErrorKind.Unauthorized, $"the secret key was rejected (401): {detail}", status, request);
            case 403:
                return Final(PaystackErrorKind.Unauthorized, $"the secret key is not allowed to read this endpoint (403): {detail}", status, request);
            case 400:
                return Final(PaystackErrorKind.BadRequest, $"Paystack refused the request's parameters (400): {detail}", status, request);
            case 404:
                return Final(PaystackErrorKind.NotFound, $"the endpoint was not found (404): {detail}; check the base URL", status, request);
        }

        if (status is 408 or 429 or >= 500)
        {
            var serverDelay = headers.RetryAfter ?? (status == 429 ? headers.Reset : null);
            if (error is null)
            {
                return new RetryableAttemptException(
                    PaystackErrorKind.InvalidResponse, $"{detail} (HTTP {status})", status, serverDelay, attempt, request);
            }

            var what = status switch
            {
                429 => "rate limited by Paystack (429)",
                408 => "Paystack timed out waiting for the request (408)",
                _ => $"Paystack server error ({status})",
            };
            return new RetryableAttemptException(PaystackErrorKind.Transient, $"{what}: {detail}", status, serverDelay, attempt, request);
        }

        if (status is >= 300 and < 400)
        {
            var target = location is null ? "" : $" to {scrub(location)}";
            return Final(PaystackErrorKind.InvalidResponse, $"Paystack answered with a redirect ({status}){target}; check the base URL", status, request);
        }

        return Final(PaystackErrorKind.BadRequest, $"Paystack refused the request ({status}): {detail}", status, request);
    }

    public static RetryableAttemptException ForTimeout(TimeSpan timeout, int attempt, string request) =>
        new(PaystackErrorKind.Transient,
            $"no complete response within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
            null, null, attempt, request);

    public static RetryableAttemptException ForTransport(Exception exception, Uri uri, int attempt, string request, int? status = null)
    {
        var endpoint = $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
        var socketError = FindSocketError(exception);
        var error = exception switch
        {
            HttpRequestException e => e.HttpRequestError,
            HttpIOException e => e.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };

        var (kind, cause) = error switch
        {
            HttpRequestError.NameResolutionError => (PaystackErrorKind.Unreachable, $"the host name '{uri.Host}' could not be resolved"),
            HttpRequestError.ConnectionError when socketError is SocketError.ConnectionRefused =>
                (PaystackErrorKind.Unreachable, $"the connection to {endpoint} was refused"),
            HttpRequestError.ConnectionError => (PaystackErrorKind.Unreachable, $"could not connect to {endpoint}{Describe(socketError)}"),
            HttpRequestError.SecureConnectionError => (PaystackErrorKind.Unreachable, $"the TLS handshake with {endpoint} failed"),
            HttpRequestError.ResponseEnded => (PaystackErrorKind.Transient, $"the connection to {endpoint} closed before the response was complete"),
            _ when socketError is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                (PaystackErrorKind.Transient, $"the connection to {endpoint} was reset"),
            _ when exception is IOException => (PaystackErrorKind.Transient, $"the connection to {endpoint} failed while reading{Describe(socketError)}"),
            _ => (PaystackErrorKind.Transient, $"the request to {endpoint} failed ({error})"),
        };
        // The HTTP stack's exception is not attached: its message may describe the request.
        return new RetryableAttemptException(kind, cause, status, null, attempt, request);
    }

    private static PaystackApiException Final(PaystackErrorKind kind, string cause, int status, string request) =>
        new(kind, $"{request}: {cause}", status);

    private static SocketError? FindSocketError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }

    private static string Describe(SocketError? error) => error is null ? "" : $" ({error})";
}
