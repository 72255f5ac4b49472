using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /country records: countries Paystack operates in (MiscellaneousListCountriesResponseArray in the spec). The
/// endpoint takes no parameters and answers with every country at once, without <c>meta</c>; countries carry no
/// creation time.
/// </summary>
internal sealed class CountryGenerator : IRecordGenerator
{
    private static readonly (string Name, string Iso, string Currency, string Calling)[] Countries =
    [
        ("Nigeria", "NG", "NGN", "+234"), ("Ghana", "GH", "GHS", "+233"), ("South Africa", "ZA", "ZAR", "+27"),
        ("Kenya", "KE", "KES", "+254"), ("Côte d'Ivoire", "CI", "XOF", "+225"), ("Egypt", "EG", "EGP", "+20"),
        ("Rwanda", "RW", "RWF", "+250"),
    ];

    public string Path => "country";
    public long IdBase => 4_150_000_000;
    public string Noun => "Country";
    public string? UpdatedField => null;
    public bool FiltersByTime => false;
    public bool Unpaged => true;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var known = Countries[context.Index % Countries.Length];
        var name = context.Index < Countries.Length ? known.Name : $"{known.Name} ({context.Index / Countries.Length})";
        return new JsonObject
        {
            ["id"] = context.Id,
            ["active_for_dashboard_onboarding"] = random.Chance(0.8),
            ["name"] = name,
            ["iso_code"] = known.Iso,
            ["default_currency_code"] = known.Currency,
            ["integration_defaults"] = new JsonObject(),
            ["calling_code"] = known.Calling,
            ["pilot_mode"] = random.Chance(0.2),
            ["relationships"] = new JsonObject
            {
                ["currency"] = new JsonObject
                {
                    ["type"] = "currency",
                    ["data"] = new JsonArray(known.Currency, "USD"),
                    ["supported_currencies"] = new JsonObject
                    {
                        [known.Currency] = new JsonObject
                        {
                            ["bank"] = new JsonObject
                            {
                                ["bank_type"] = "nuban",
                                ["branch_code"] = false,
                                ["account_name"] = true,
                                ["account_verification_required"] = true,
                                ["account_number_label"] = "Account Number",
                                ["account_number_pattern"] = new JsonObject { ["exact_match"] = true, ["pattern"] = "^[0-9]{10}$" },
                                ["documents"] = new JsonArray(),
                            },
                        },
                    },
                },
                ["integration_feature"] = new JsonObject { ["type"] = "integration_feature", ["data"] = new JsonArray() },
                ["integration_type"] = new JsonObject { ["type"] = "integration_type", ["data"] = new JsonArray("ITYPE_001", "ITYPE_002") },
                ["payment_method"] = new JsonObject { ["type"] = "payment_method", ["data"] = new JsonArray("card", "bank", "ussd") },
            },
        };
    }
}
