using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /refund records in the current spec shape (<c>createdAt</c>, integer <c>fully_deducted</c>) plus the
/// <c>updatedAt</c> of the docs' fetch sample, which moves when a refund's status changes.
/// </summary>
internal sealed class RefundGenerator : IRecordGenerator
{
    public string Path => "refund";
    public long IdBase => 4_500_000_000;
    public string Noun => "Refund";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var transactionIndex = context.Links.TransactionIndexBefore(context.CreatedAt, random);
        var transaction = transactionIndex is { } t ? context.Links.Transaction(t, context.Domain) : null;
        var transactionAmount = transaction?["amount"]?.GetValue<long>() ?? random.Between(10_000, 5_000_000);
        var full = random.Chance(0.7);
        var amount = full ? transactionAmount : Math.Max(100, transactionAmount * (1 + random.Next(9)) / 10);
        var roll = random.NextDouble();
        var status = roll < 0.75 ? "processed" : roll < 0.9 ? "pending" : roll < 0.97 ? "processing" : "failed";
        var processed = status == "processed";
        var refundedAt = processed ? context.CreatedAt.AddHours(random.Between(1, 72)) : (DateTimeOffset?)null;
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        return new JsonObject
        {
            ["integration"] = context.Integration,
            ["transaction"] = transactionIndex is { } ti ? context.Links.TransactionId(ti) : random.Between(4_000_000_000, 4_100_000_000),
            ["dispute"] = random.Chance(0.1) ? random.Between(4_300_000_000, 4_300_100_000) : null,
            ["settlement"] = null,
            ["id"] = context.Id,
            ["domain"] = context.Domain,
            ["currency"] = "NGN",
            ["amount"] = amount,
            ["status"] = status,
            ["refunded_at"] = refundedAt is { } r ? Timestamps.Format(r) : null,
            ["refunded_by"] = "ops" + random.Next(5) + "@merchant.example",
            ["customer_note"] = "Refund for transaction " + (transaction?["reference"]?.GetValue<string>() ?? "unknown"),
            ["merchant_note"] = random.Chance(0.5) ? "Customer changed their mind" : "Duplicate charge",
            ["deducted_amount"] = processed ? amount : 0,
            ["fully_deducted"] = processed ? 1 : 0,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(refundedAt ?? context.CreatedAt),
            ["bank_reference"] = processed && random.Chance(0.5) ? random.Digits(12) : null,
            ["transaction_reference"] = transaction?["reference"]?.DeepClone() ?? random.Code(10),
            ["reason"] = random.Chance(0.5) ? "requested_by_customer" : "duplicate",
            ["customer"] = Fragments.Customer(person),
            ["refund_type"] = full ? "full" : "partial",
            ["transaction_amount"] = transactionAmount,
            ["initiated_by"] = random.Chance(0.8) ? "merchant" : "dispute",
            ["refund_channel"] = random.Chance(0.8) ? "card" : "bank_transfer",
            ["session_id"] = null,
            ["collect_account_number"] = false,
        };
    }
}
