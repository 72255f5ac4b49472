using System.Globalization;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Webhooks;

/// <summary>
/// The status changes records go through after creation, as Paystack announces them: a transaction reversed, a refund
/// processed, a dispute resolved, a transfer reversed, a subscription disabled, a payment request paid, a customer
/// identified. Each change also moves the record's <c>updatedAt</c> where it has one.
/// </summary>
public sealed class RecordChanges(SandboxStore store, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _changes;

    /// <summary>The resources whose records change, with the event each change is announced by.</summary>
    public static IReadOnlyDictionary<string, string> Events { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["transaction"] = "charge.success",
        ["refund"] = "refund.processed",
        ["dispute"] = "charge.dispute.resolve",
        ["transfer"] = "transfer.reversed",
        ["subscription"] = "subscription.disable",
        ["paymentrequest"] = "paymentrequest.success",
        ["customer"] = "customeridentification.success",
    };

    /// <summary>Changes record <paramref name="id"/> of <paramref name="path"/> and returns the event that announces it.</summary>
    /// <exception cref="ArgumentException">Records of <paramref name="path"/> do not change in the sandbox.</exception>
    public RecordChange Change(string path, string id)
    {
        if (!Events.TryGetValue(path, out var name))
            throw new ArgumentException($"Records of '{path}' do not change; changing ones: {string.Join(", ", Events.Keys)}.", nameof(path));
        var n = Interlocked.Increment(ref _changes).ToString(CultureInfo.InvariantCulture);
        var now = _clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        foreach (var (field, value) in Fields(path, n, now)) store.Update(path, id, field, value);
        var record = JsonNode.Parse(store.Get(path, id)!)!.AsObject();
        var data = path == "customer"
            ? new JsonObject
            {
                ["customer_id"] = record["id"]!.DeepClone(),
                ["customer_code"] = record["customer_code"]?.DeepClone(),
                ["email"] = record["email"]?.DeepClone(),
                ["identification"] = new JsonObject { ["country"] = "NG", ["type"] = "bank_account" },
            }
            : record;
        return new RecordChange(path, id, name, data);
    }

    private static IEnumerable<(string Field, JsonNode? Value)> Fields(string path, string n, string now) => path switch
    {
        "transaction" => [("status", "reversed"), ("gateway_response", "Reversed, change " + n)],
        "refund" => [("status", "processed"), ("refunded_at", now)],
        "dispute" => [("status", "resolved"), ("resolution", "merchant-accepted"), ("resolvedAt", now)],
        "transfer" => [("status", "reversed"), ("reason", "Reversed, change " + n)],
        "subscription" => [("status", "cancelled")],
        "paymentrequest" => [("status", "success"), ("paid", true), ("paid_at", now)],
        "customer" => [("identified", true), ("identifications", new JsonArray(new JsonObject { ["country"] = "NG", ["type"] = "bank_account" }))],
        _ => [],
    };
}
