using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /dispute records (see paystack-examples/dispute.json), each about a real earlier transaction.</summary>
internal sealed class DisputeGenerator : IRecordGenerator
{
    private static readonly string[] Statuses = ["awaiting-merchant-feedback", "awaiting-bank-feedback", "pending", "resolved", "resolved", "archived"];

    public string Path => "dispute";
    public long IdBase => 4_300_000_000;
    public string Noun => "Dispute";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var status = random.Pick(Statuses);
        var transactionIndex = context.Links.TransactionIndexBefore(context.CreatedAt, random);
        var transaction = transactionIndex is { } t ? context.Links.Transaction(t, context.Domain) : null;
        var amount = transaction?["amount"]?.GetValue<long>() ?? random.Between(1_000, 5_000_000);
        var resolved = status is "resolved" or "archived";
        var resolvedAt = resolved ? context.CreatedAt.AddHours(random.Between(2, 24 * 14)) : (DateTimeOffset?)null;
        var updated = resolvedAt ?? context.CreatedAt.AddMinutes(random.Between(0, 600));
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var by = "ops" + random.Next(5) + "@merchant.example";
        return new JsonObject
        {
            ["id"] = context.Id,
            ["refund_amount"] = resolved && random.Chance(0.5) ? amount : null,
            ["currency"] = "NGN",
            ["status"] = status,
            ["resolution"] = resolved ? (random.Chance(0.6) ? "merchant-accepted" : "declined") : null,
            ["domain"] = context.Domain,
            ["transaction"] = transaction,
            ["transaction_reference"] = transaction?["reference"]?.DeepClone(),
            ["category"] = random.Chance(0.7) ? "chargeback" : "fraud",
            ["customer"] = Fragments.Customer(person),
            ["bin"] = random.Chance(0.8) ? "408408" : null,
            ["last4"] = random.Chance(0.8) ? random.Digits(4) : null,
            ["dueAt"] = Timestamps.Format(context.CreatedAt.AddDays(1)),
            ["resolvedAt"] = resolvedAt is { } r ? Timestamps.Format(r) : null,
            ["evidence"] = null,
            ["attachments"] = null,
            ["note"] = null,
            ["history"] = new JsonArray
            {
                new JsonObject { ["status"] = "pending", ["by"] = by, ["createdAt"] = Timestamps.Format(context.CreatedAt) },
            },
            ["messages"] = new JsonArray
            {
                new JsonObject { ["sender"] = by, ["body"] = "Customer says the goods were not delivered", ["createdAt"] = Timestamps.Format(context.CreatedAt) },
            },
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
        };
    }
}
