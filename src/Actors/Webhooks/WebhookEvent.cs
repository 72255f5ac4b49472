namespace Paystack.Actors.Webhooks;

/// <summary>One webhook delivery as accepted: its raw body is kept byte for byte (as UTF-8 text), since it is the evidence.</summary>
/// <param name="EventId">The event's identity, derived from its body (<see cref="WebhookEventReader"/>): a retried delivery has the same.</param>
/// <param name="Type">Paystack's event name, e.g. <c>charge.success</c>.</param>
/// <param name="ReceivedAt">When the receiver accepted it.</param>
/// <param name="Body">The raw JSON body.</param>
public sealed record WebhookEvent(string EventId, string Type, DateTimeOffset ReceivedAt, string Body);
