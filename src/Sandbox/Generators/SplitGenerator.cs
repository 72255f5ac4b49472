using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /split records: transaction splits with their subaccounts' shares (SplitListResponseArray in the spec).</summary>
internal sealed class SplitGenerator : IRecordGenerator
{
    private static readonly string[] Partners = ["Adaeze Foods", "Kano Crafts", "Ibadan Prints", "Delta Logistics", "Yaba Tech Hub"];
    private static readonly string[] Banks = ["Guaranty Trust Bank", "Access Bank", "Zenith Bank", "First Bank of Nigeria"];

    public string Path => "split";
    public long IdBase => 2_450_000_000;
    public string Noun => "Split";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var percentage = random.Chance(0.7);
        var count = 1 + random.Next(3);
        var subaccounts = new JsonArray();
        long firstSubaccount = 0;
        for (var i = 0; i < count; i++)
        {
            var partner = random.Pick(Partners);
            var id = 2_200_000_000 + random.Between(0, 10_000);
            if (i == 0) firstSubaccount = id;
            subaccounts.Add(new JsonObject
            {
                ["subaccount"] = new JsonObject
                {
                    ["id"] = id,
                    ["subaccount_code"] = "ACCT_" + random.Code(15),
                    ["business_name"] = partner,
                    ["description"] = partner,
                    ["primary_contact_name"] = null,
                    ["primary_contact_email"] = null,
                    ["primary_contact_phone"] = null,
                    ["metadata"] = null,
                    ["settlement_bank"] = random.Pick(Banks),
                    ["currency"] = "NGN",
                    ["account_number"] = random.Digits(10),
                },
                ["share"] = percentage ? 5 + random.Next(25) : random.Between(1, 100) * 10_000,
            });
        }
        var bearer = random.Pick(new[] { "account", "subaccount", "all-proportional", "all" });
        var updated = random.Chance(0.7) ? context.CreatedAt : context.CreatedAt.AddMinutes(random.Between(1, 60 * 24 * 30));
        return new JsonObject
        {
            ["id"] = context.Id,
            ["name"] = $"Split {random.Code(4).ToUpperInvariant()}",
            ["type"] = percentage ? "percentage" : "flat",
            ["currency"] = "NGN",
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["split_code"] = "SPL_" + random.Code(10),
            ["active"] = random.Chance(0.85),
            ["bearer_type"] = bearer,
            ["bearer_subaccount"] = bearer == "subaccount" ? firstSubaccount : null,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
            ["is_dynamic"] = false,
            ["subaccounts"] = subaccounts,
            ["total_subaccounts"] = count,
        };
    }
}
