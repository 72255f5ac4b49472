using System.Text.Json;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Webhooks;

/// <summary>The record an event is about: which stream holds it and its id there, to be re-read by id.</summary>
public sealed record EventTarget(StreamDefinition Stream, string RecordId)
{
    /// <summary>Event name prefixes and the stream whose records they announce (longest prefix first).</summary>
    private static readonly (string Prefix, string Stream, string[] IdPath)[] Routes =
    [
        ("charge.dispute.", "disputes", ["id"]),
        ("charge.", "transactions", ["id"]),
        ("transfer.", "transfers", ["id"]),
        ("refund.", "refunds", ["id"]),
        ("subscription.", "subscriptions", ["id"]),
        ("invoice.", "invoices", ["id"]),
        ("paymentrequest.", "invoices", ["id"]),
        ("customeridentification.", "customers", ["customer_id"]),
        ("dedicatedaccount.", "dedicated_accounts", ["dedicated_account", "id"]),
    ];

    /// <summary>The streams whose records events announce changes of.</summary>
    public static IReadOnlySet<string> Streams { get; } = Routes.Select(r => r.Stream).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stream an event type belongs to, or null for a type no stream holds.</summary>
    public static string? StreamOf(string eventType) =>
        Routes.FirstOrDefault(r => eventType.StartsWith(r.Prefix, StringComparison.Ordinal)).Stream;

    /// <returns>Null when the event names no stream, or its data carries no id to re-read by.</returns>
    public static EventTarget? Of(WebhookEvent webhook)
    {
        var route = Routes.FirstOrDefault(r => webhook.Type.StartsWith(r.Prefix, StringComparison.Ordinal));
        if (route.Stream is null || !StreamCatalog.TryGet(route.Stream, out var stream)) return null;
        using var document = JsonDocument.Parse(webhook.Body);
        if (!document.RootElement.TryGetProperty("data", out var node)) return null;
        foreach (var step in route.IdPath)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(step, out node)) return null;
        }
        var id = node.ValueKind switch
        {
            JsonValueKind.Number => node.GetRawText(),
            JsonValueKind.String => node.GetString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(id) ? null : new EventTarget(stream, id);
    }
}
