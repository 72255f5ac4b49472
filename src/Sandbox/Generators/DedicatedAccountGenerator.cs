using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /dedicated_account records: virtual bank accounts assigned to customers (DedicatedNubanListResponseArray in
/// the spec), with the customer and bank nested and times named <c>created_at</c>/<c>updated_at</c>.
/// </summary>
internal sealed class DedicatedAccountGenerator : IRecordGenerator
{
    private static readonly (string Name, int Id, string Slug)[] Banks =
        [("Wema Bank", 20, "wema-bank"), ("Titan Paystack", 67, "titan-paystack"), ("Test Bank", 1, "test-bank")];

    public string Path => "dedicated_account";
    public long IdBase => 3_700_000_000;
    public string Noun => "Managed Account";
    public string? UpdatedField => "updated_at";
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var bank = random.Pick(Banks);
        var name = $"{person.FirstName ?? "Paystack"} {person.LastName ?? "Customer"}";
        JsonNode? split = random.Chance(0.8) ? null : new JsonObject { ["subaccount"] = "ACCT_" + random.Code(15) };
        return new JsonObject
        {
            ["customer"] = Fragments.Customer(person),
            ["bank"] = new JsonObject { ["name"] = bank.Name, ["id"] = bank.Id, ["slug"] = bank.Slug },
            ["id"] = context.Id,
            ["account_name"] = "PAYSTACK/" + name.ToUpperInvariant(),
            ["account_number"] = random.Digits(10),
            ["created_at"] = Timestamps.Format(context.CreatedAt),
            ["updated_at"] = Timestamps.Format(context.CreatedAt.AddSeconds(random.Between(0, 120))),
            ["currency"] = "NGN",
            ["split_config"] = split,
            ["active"] = random.Chance(0.95),
            ["assigned"] = true,
        };
    }
}
