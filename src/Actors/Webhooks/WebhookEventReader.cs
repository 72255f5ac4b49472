using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Paystack.Actors.Webhooks;

/// <summary>
/// Reads a verified webhook body: <c>{"event": "...", "data": {...}}</c>. Paystack sends no delivery id, and retries
/// resend the same body, so the event's identity is the SHA-256 of the raw body: a retry is recognised, while a later
/// change of the same record (a different body) is a new event.
/// </summary>
public static class WebhookEventReader
{
    /// <returns>Null, with <paramref name="problem"/> set, when the body is not a webhook event.</returns>
    public static WebhookEvent? TryRead(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() is not { Length: > 0 } name)
            {
                problem = "the body has no 'event' name";
                return null;
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                problem = "the body has no 'data' object";
                return null;
            }
            return new WebhookEvent(Identity(body), name, receivedAt, Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            problem = "the body is not JSON";
            return null;
        }
    }

    public static string Identity(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
