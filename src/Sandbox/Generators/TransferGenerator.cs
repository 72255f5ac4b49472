using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /transfer records (see paystack-examples/transfer.json), with the recipient and session objects.</summary>
internal sealed class TransferGenerator : IRecordGenerator
{
    private static readonly (string Code, string Name)[] Banks =
        [("058", "Guaranty Trust Bank"), ("044", "Access Bank"), ("057", "Zenith Bank"), ("011", "First Bank of Nigeria")];

    public string Path => "transfer";
    public long IdBase => 4_800_000_000;
    public string Noun => "Transfer";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var roll = random.NextDouble();
        var status = roll < 0.85 ? "success" : roll < 0.92 ? "failed" : roll < 0.97 ? "pending" : "reversed";
        var updated = context.CreatedAt.AddSeconds(random.Between(2, 600));
        var recipientIndex = random.Next(5_000);
        var bank = Banks[recipientIndex % Banks.Length];
        
        var recipientRandom = Data.RecordRandom.For(context.Seed, "transferrecipient", recipientIndex);
        var recipientCreated = Timestamps.Format(context.Links.RecipientCreatedAt(recipientIndex));
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
            ["recipient"] = new JsonObject
            {
                ["active"] = true,
                ["createdAt"] = recipientCreated,
                ["currency"] = "NGN",
                ["description"] = null,
                ["domain"] = context.Domain,
                ["email"] = null,
                ["id"] = 50_000_000 + recipientIndex,
                ["integration"] = context.Integration,
                ["metadata"] = null,
                ["name"] = "Recipient " + recipientIndex,
                ["recipient_code"] = "RCP_" + recipientRandom.Code(15),
                ["type"] = "nuban",
                ["updatedAt"] = recipientCreated,
                ["is_deleted"] = false,
                ["isDeleted"] = false,
                ["details"] = new JsonObject
                {
                    ["authorization_code"] = null,
                    ["account_number"] = recipientRandom.Digits(10),
                    ["account_name"] = null,
                    ["bank_code"] = bank.Code,
                    ["bank_name"] = bank.Name,
                },
            },
            ["session"] = new JsonObject { ["provider"] = null, ["id"] = null },
            ["fee_charged"] = amount >= 5_000_000 ? 5_000 : 1_000,
            ["fees_breakdown"] = null,
        };
    }
}
