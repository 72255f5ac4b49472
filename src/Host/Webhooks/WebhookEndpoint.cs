using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Paystack.Actors.Webhooks;
using static Paystack.Actors.Webhooks.WebhookInboxProtocol;

namespace Paystack.Host.Webhooks;

/// <summary>
/// One webhook delivery, checked in this order: the source address (403), the body size (413, before reading it),
/// the signature over the raw bytes in constant time (401), the body's shape (400); then the event goes to the inbox
/// and the answer is 200 only once the inbox has made it durable (503 otherwise, so Paystack delivers it again).
/// Nothing but the status is said to the caller.
/// </summary>
internal sealed class WebhookEndpoint(WebhookSettings settings, byte[] key, IActorRef inbox, Serilog.ILogger log)
{
    private static readonly TimeSpan InboxTimeout = TimeSpan.FromSeconds(10);

    private readonly HashSet<IPAddress> _allowed = settings.AllowedIps.Select(Normal).ToHashSet();
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);

    /// <summary>Requests refused since start, by reason.</summary>
    public IReadOnlyDictionary<string, long> Rejected => new SortedDictionary<string, long>(_rejected);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (_allowed.Count > 0 && (context.Connection.RemoteIpAddress is not { } peer || !_allowed.Contains(Normal(peer))))
            return Refuse(StatusCodes.Status403Forbidden, "source_address", context);
        if (context.Request.ContentLength > settings.MaxBodyBytes)
            return Refuse(StatusCodes.Status413PayloadTooLarge, "too_large", context);

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "too_large", context);
        }

        if (!WebhookSignature.IsValid(key, body, context.Request.Headers[WebhookSignature.Header].FirstOrDefault()))
            return Refuse(StatusCodes.Status401Unauthorized, "signature", context);
        if (WebhookEventReader.TryRead(body, DateTimeOffset.UtcNow, out var problem) is not { } webhook)
        {
            log.Warning("A signed webhook was refused: {Problem}", problem);
            return Refuse(StatusCodes.Status400BadRequest, "malformed", context);
        }

        try
        {
            var delivered = await inbox.Ask<Delivered>(new Deliver(webhook), InboxTimeout, context.RequestAborted);
            log.Debug("Webhook {Event} {EventId} {Outcome}", webhook.Type, webhook.EventId, delivered.Duplicate ? "seen before" : "accepted");
            return Results.Ok();
        }
        catch (Exception failure) when (failure is AskTimeoutException or OperationCanceledException)
        {
            log.Warning("Webhook {Event} not accepted: the journal did not confirm it in time; Paystack delivers it again", webhook.Type);
            Count("unavailable");
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The body with Kestrel's size limit set for this request, so a chunked body cannot run past it either.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = settings.MaxBodyBytes;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > settings.MaxBodyBytes) throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        return buffer.ToArray();
    }

    private IResult Refuse(int status, string reason, HttpContext context)
    {
        // The unread rest of an oversize body is not drained: the connection closes after the answer.
        if (status == StatusCodes.Status413PayloadTooLarge) context.Response.Headers.Connection = "close";
        Count(reason);
        log.Warning("Webhook request from {Peer} refused ({Status}): {Reason}", context.Connection.RemoteIpAddress, status, reason);
        return Results.StatusCode(status);
    }

    private void Count(string reason)
    {
        _rejected.AddOrUpdate(reason, 1, (_, n) => n + 1);
        WebhookMetrics.DeliveryRejected(reason);
    }

    private static IPAddress Normal(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    public static byte[] KeyBytes(string secretKey) => Encoding.UTF8.GetBytes(secretKey);
}
