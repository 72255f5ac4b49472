using System.Text.Json.Nodes;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /transferrecipient records: the accounts a merchant pays out to (TransferRecipientListResponseArray in the
/// spec). Transfers nest the same object, built by <see cref="Build"/> from the recipient's index alone.
/// </summary>
internal sealed class TransferRecipientGenerator : IRecordGenerator
{
    private static readonly (string Code, string Name)[] Banks =
    [
        ("058", "Guaranty Trust Bank"), ("044", "Access Bank"), ("057", "Zenith Bank"), ("011", "First Bank of Nigeria"),
        ("033", "United Bank For Africa"), ("035", "Wema Bank"), ("232", "Sterling Bank"), ("50211", "Kuda Bank"),
    ];

    private static readonly string[] Businesses =
        ["Eko Logistics Ltd", "Ikeja Printworks", "Sahara Foods", "Lagoon Courier Services", "Abuja Office Supplies", "Naija Cloud Hosting"];

    private static readonly string[] People = ["Chidi Okafor", "Amara Nwosu", "Tunde Balogun", "Ngozi Adeyemi", "Femi Asante", "Bisi Owusu"];

    private static readonly string[] Descriptions = ["", "", "Vendor payouts", "Monthly salary", "Logistics partner", "Refunds float"];

    public string Path => "transferrecipient";
    public long IdBase => 4_900_000_000;
    public string Noun => "Recipient";
    public string? UpdatedField => "updatedAt";
    public bool FiltersByTime => false;
    public Paging Paging => Paging.OffsetOrCursor;

    public JsonObject Create(RecordContext context) =>
        Build(context.Seed, context.Index, context.Id, context.CreatedAt, context.Domain, context.Integration);

    /// <summary>Recipient <paramref name="index"/> as listed and as nested in transfers.</summary>
    public static JsonObject Build(int seed, long index, long id, DateTimeOffset createdAt, string domain, long integration)
    {
        var random = RecordRandom.For(seed, "transferrecipient", index);
        var person = random.Chance(0.6);
        var name = person ? random.Pick(People) : random.Pick(Businesses);
        var byAuthorization = random.Chance(0.15);
        var bank = random.Pick(Banks);
        var deleted = random.Chance(0.03);
        var updated = deleted || random.Chance(0.2) ? createdAt.AddMinutes(random.Between(1, 60 * 24 * 90)) : createdAt;
        var email = random.Chance(0.4)
            ? name.ToLowerInvariant().Replace(' ', '.') + index + "@" + (person ? "gmail.com" : "example.ng")
            : null;
        JsonNode? metadata = random.Chance(0.7) ? null : new JsonObject { ["payee_ref"] = "PAYEE-" + random.Digits(5) };
        var details = byAuthorization
            ? new JsonObject
            {
                ["authorization_code"] = "AUTH_" + random.Code(10),
                ["account_number"] = null,
                ["account_name"] = null,
                ["bank_code"] = bank.Code,
                ["bank_name"] = bank.Name,
            }
            : new JsonObject
            {
                ["authorization_code"] = null,
                ["account_number"] = random.Digits(10),
                ["account_name"] = random.Chance(0.8) ? name.ToUpperInvariant() : null,
                ["bank_code"] = bank.Code,
                ["bank_name"] = bank.Name,
            };
        return new JsonObject
        {
            ["active"] = !deleted,
            ["createdAt"] = Timestamps.Format(createdAt),
            ["currency"] = "NGN",
            ["description"] = random.Pick(Descriptions),
            ["domain"] = domain,
            ["email"] = email,
            ["id"] = id,
            ["integration"] = integration,
            ["metadata"] = metadata,
            ["name"] = name,
            ["recipient_code"] = "RCP_" + random.Code(15),
            ["type"] = byAuthorization ? "authorization" : "nuban",
            ["updatedAt"] = Timestamps.Format(updated),
            ["is_deleted"] = deleted,
            ["isDeleted"] = deleted,
            ["details"] = details,
        };
    }
}
