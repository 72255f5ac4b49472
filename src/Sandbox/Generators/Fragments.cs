using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>Nested objects shared by several resources, shaped like the examples.</summary>
internal static class Fragments
{
    private static readonly (string Bin, string Brand, string Bank)[] Cards =
    [
        ("408408", "visa", "TEST BANK"), ("539983", "mastercard", "Guaranty Trust Bank"),
        ("506066", "verve", "Access Bank"), ("412345", "visa", "Zenith Bank"),
    ];

    /// <summary>The short customer object nested in transactions, disputes, invoices, refunds and subscriptions.</summary>
    public static JsonObject Customer(Person person, bool withInternationalPhone = true)
    {
        var customer = new JsonObject
        {
            ["id"] = person.Id,
            ["first_name"] = person.FirstName,
            ["last_name"] = person.LastName,
            ["email"] = person.Email,
            ["customer_code"] = person.CustomerCode,
            ["phone"] = person.Phone,
            ["metadata"] = null,
            ["risk_action"] = person.RiskAction,
        };
        if (withInternationalPhone)
            customer["international_format_phone"] = person.Phone is null ? null : "+234" + person.Phone[1..];
        return customer;
    }

    /// <summary>A card authorization as on transactions and subscriptions.</summary>
    public static JsonObject Authorization(Data.RecordRandom random, string channel, bool reusableAsNumber = false)
    {
        var card = random.Pick(Cards);
        var reusable = random.Chance(0.8);
        return new JsonObject
        {
            ["authorization_code"] = "AUTH_" + random.Code(10),
            ["bin"] = channel == "card" ? card.Bin : null,
            ["last4"] = random.Digits(4),
            ["exp_month"] = (1 + random.Next(12)).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            ["exp_year"] = (2026 + random.Next(8)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["channel"] = channel,
            ["card_type"] = channel == "card" ? card.Brand + " " : "",
            ["bank"] = card.Bank,
            ["country_code"] = "NG",
            ["brand"] = channel == "card" ? card.Brand : channel,
            ["reusable"] = reusableAsNumber ? JsonValue.Create(reusable ? 1 : 0) : JsonValue.Create(reusable),
            ["signature"] = channel == "card" ? "SIG_" + random.Code(20) : null,
            ["account_name"] = null,
        };
    }
}
