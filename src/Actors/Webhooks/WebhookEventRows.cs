using System.Text.Encodings.Web;
using System.Text.Json;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Webhooks;

/// <summary>
/// The <c>webhook_events</c> stream: every accepted event as received, with what became of it. It is not read from
/// Paystack, so it is not in the <see cref="StreamCatalog"/>; its rows are keyed by event id (a retry is one row).
/// </summary>
public static class WebhookEventRows
{
    public static StreamDefinition Stream { get; } =
        new("webhook_events", "webhook", "received_at", "id", StreamPaging.None, SupportsTimeFilter: false);

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PaystackRecord Row(WebhookEvent webhook, WebhookOutcome outcome, EventTarget? target)
    {
        var receivedAt = CursorFormat.Format(webhook.ReceivedAt);
        using var body = JsonDocument.Parse(webhook.Body);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", webhook.EventId);
            writer.WriteString("event", webhook.Type);
            writer.WriteString("received_at", receivedAt);
            writer.WriteString("outcome", outcome.Label);
            writer.WriteString("outcome_detail", outcome.Detail);
            if (target is not null)
            {
                writer.WriteString("stream", target.Stream.Name);
                writer.WriteString("record_id", target.RecordId);
            }
            writer.WritePropertyName("data");
            body.RootElement.GetProperty("data").WriteTo(writer);
            writer.WriteEndObject();
        }
        return new PaystackRecord(webhook.EventId, webhook.ReceivedAt, receivedAt, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
