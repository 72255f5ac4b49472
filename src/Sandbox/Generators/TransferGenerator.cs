using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /transfer records (see paystack-examples/transfer.json), with the recipient and session objects.</summary>
internal sealed class TransferGenerator : IRecordGenerator
{
    public string Path => "transfer";
    public long IdBase => 4_800_000_000;
    public string Noun => "Transfer";
    public string? UpdatedField => "updatedAt";
    public Paging Paging => Paging.OffsetOrCursor;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var roll = random.NextDouble();
        var status = roll < 0.85 ? "success" : roll < 0.92 ? "failed" : roll < 0.97 ? "pending" : "reversed";
        var updated = context.CreatedAt.AddSeconds(random.Between(2, 600));
        var recipient = context.Links.RecipientBefore(context.CreatedAt, random, context.Domain, context.Integration)
                        ?? OrphanRecipient(context, random);
        var amount = random.Between(100, 2_000_000) * 100;
        return new JsonObject
        {
            ["amount"] = amount,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["currency"] = "NGN",
            ["domain"] = context.Domain,
            ["failures"] = null,
            ["id"] = context.Id,
            ["integration"] = context.Integration,
            ["reason"] = random.Chance(0.7) ? "Vendor payout" : "Salary",
            ["reference"] = random.Code(20),
            ["source"] = "balance",
            ["source_details"] = null,
            ["status"] = status,
            ["titan_code"] = null,
            ["transfer_code"] = "TRF_" + random.Code(16),
            ["request"] = random.Between(200_000_000, 300_000_000),
            ["transferred_at"] = status == "success" ? Timestamps.Format(updated) : null,
            ["updatedAt"] = Timestamps.Format(updated),
            ["recipient"] = recipient,
            ["session"] = new JsonObject { ["provider"] = null, ["id"] = null },
            ["fee_charged"] = amount >= 5_000_000 ? 5_000 : 1_000,
            ["fees_breakdown"] = null,
        };
    }

    // A dataset configured without recipients still nests a well-formed one, like a recipient since deleted.
    private static JsonObject OrphanRecipient(RecordContext context, Data.RecordRandom random)
    {
        var index = random.Between(0, 5_000);
        return TransferRecipientGenerator.Build(context.Seed, index, 0, context.CreatedAt, context.Domain, context.Integration);
    }
}
