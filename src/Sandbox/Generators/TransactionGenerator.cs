using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /transaction records (see paystack-examples/transaction.json): both <c>createdAt</c> and <c>created_at</c>,
/// <c>paidAt</c> and <c>paid_at</c>, no <c>integration</c> and no <c>updatedAt</c>.
/// </summary>
internal sealed class TransactionGenerator : IRecordGenerator, IAmountSource
{
    private const ulong AmountPurpose = 0xA3;
    private static readonly string[] Channels = ["card", "card", "card", "card", "card", "card", "bank", "ussd", "bank_transfer", "bank_transfer", "dedicated_nuban"];

    public string Path => "transaction";
    public long IdBase => 4_000_000_000;
    public string Noun => "Transaction";
    public string? UpdatedField => null;
    public Paging Paging => Paging.OffsetOrCursor;

    /// <summary>The amount in kobo, computable alone so <c>total_volume</c> never materialises records.</summary>
    public long AmountOf(int seed, long index)
    {
        var random = RecordRandom.For(seed, Path, index, AmountPurpose);
        var naira = random.Chance(0.05) ? random.Between(50_000, 2_000_000) : random.Between(100, 50_000);
        return naira * 100 + (random.Chance(0.2) ? random.Between(1, 100) : 0);
    }

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var amount = AmountOf(context.Seed, context.Index);
        var roll = random.NextDouble();
        var status = roll < 0.8 ? "success" : roll < 0.9 ? "failed" : roll < 0.98 ? "abandoned" : "reversed";
        var paid = status is "success" or "reversed";
        var channel = random.Pick(Channels);
        var paidAt = paid ? Timestamps.Format(context.CreatedAt.AddSeconds(random.Between(5, 180))) : null;
        var created = Timestamps.Format(context.CreatedAt);
        var fees = paid ? Math.Min(200_000, amount * 15 / 1000 + (amount >= 250_000 ? 10_000 : 0)) : 0;
        var gatewayResponse = status switch
        {
            "success" or "reversed" => "Successful",
            "failed" => random.Chance(0.5) ? "Declined" : "Insufficient Funds",
            _ => "The transaction was not completed",
        };
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        return new JsonObject
        {
            ["id"] = context.Id,
            ["domain"] = context.Domain,
            ["status"] = status,
            ["reference"] = random.Code(10),
            ["amount"] = amount,
            ["message"] = null,
            ["gateway_response"] = gatewayResponse,
            ["paid_at"] = paidAt,
            ["created_at"] = created,
            ["channel"] = channel,
            ["currency"] = "NGN",
            ["ip_address"] = random.Chance(0.8) ? $"{41 + random.Next(160)}.{random.Next(256)}.{random.Next(256)}.{1 + random.Next(254)}" : null,
            ["metadata"] = random.Chance(0.6) ? null : new JsonObject { ["order"] = "ORD-" + random.Digits(6) },
            ["log"] = paid ? Log(random, context.CreatedAt, channel) : null,
            ["fees"] = paid ? fees : null,
            ["fees_split"] = null,
            ["customer"] = Fragments.Customer(person, withInternationalPhone: false),
            ["authorization"] = paid ? Fragments.Authorization(random, channel) : new JsonObject(),
            ["plan"] = new JsonObject(),
            ["split"] = new JsonObject(),
            ["subaccount"] = new JsonObject(),
            ["order_id"] = null,
            ["paidAt"] = paidAt,
            ["createdAt"] = created,
            ["requested_amount"] = amount,
            ["source"] = new JsonObject
            {
                ["source"] = random.Chance(0.5) ? "merchant_api" : "checkout",
                ["type"] = "api",
                ["identifier"] = null,
                ["entry_point"] = "transaction_initialize",
            },
            ["connect"] = null,
            ["pos_transaction_data"] = null,
        };
    }

    private static JsonObject Log(RecordRandom random, DateTimeOffset createdAt, string channel)
    {
        var spent = (int)random.Between(2, 120);
        return new JsonObject
        {
            ["start_time"] = createdAt.ToUnixTimeSeconds(),
            ["time_spent"] = spent,
            ["attempts"] = 1,
            ["errors"] = 0,
            ["success"] = true,
            ["mobile"] = random.Chance(0.4),
            ["input"] = new JsonArray(),
            ["history"] = new JsonArray
            {
                new JsonObject { ["type"] = "action", ["message"] = $"Attempted to pay with {channel}", ["time"] = Math.Max(1, spent - 1) },
                new JsonObject { ["type"] = "success", ["message"] = $"Successfully paid with {channel}", ["time"] = spent },
            },
        };
    }
}
