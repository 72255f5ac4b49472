using System.Globalization;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /subaccount records: partners that receive a share of payments (SubaccountListResponseArray in the spec).</summary>
internal sealed class SubaccountGenerator : IRecordGenerator
{
    private static readonly string[] Businesses = ["Adaeze Foods", "Kano Crafts", "Ibadan Prints", "Delta Logistics", "Yaba Tech Hub", "Enugu Textiles"];
    private static readonly (string Name, int Id)[] Banks = [("Guaranty Trust Bank", 9), ("Access Bank", 1), ("Zenith Bank", 21), ("First Bank of Nigeria", 7)];

    public string Path => "subaccount";
    public long IdBase => 2_200_000_000;
    public string Noun => "Subaccount";
    public string? UpdatedField => "updatedAt";
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var business = random.Pick(Businesses);
        var bank = random.Pick(Banks);
        var contact = random.Chance(0.5);
        return new JsonObject
        {
            ["id"] = context.Id,
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["subaccount_code"] = "ACCT_" + random.Code(15),
            ["business_name"] = business,
            ["description"] = random.Chance(0.5) ? null : business + " settlement account",
            ["primary_contact_name"] = contact ? "Ngozi Okafor" : null,
            ["primary_contact_email"] = contact ? "finance@" + business.ToLowerInvariant().Replace(' ', '-') + ".ng" : null,
            ["primary_contact_phone"] = contact ? "080" + random.Digits(8) : null,
            ["metadata"] = null,
            ["percentage_charge"] = Math.Round(5 + random.NextDouble() * 20, 1),
            ["settlement_bank"] = bank.Name,
            ["bank_id"] = bank.Id,
            ["account_number"] = random.Digits(10),
            ["currency"] = "NGN",
            ["active"] = random.Chance(0.9) ? 1 : 0,
            ["is_verified"] = random.Chance(0.8),
            ["settlement_schedule"] = random.Chance(0.8) ? "AUTO" : "WEEKLY",
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(context.CreatedAt.AddSeconds(random.Between(0, 86_400))),
        };
    }
}
