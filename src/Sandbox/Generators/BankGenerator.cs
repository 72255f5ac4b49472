using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /bank records: banks Paystack supports for transfers and verification (MiscellaneousListBanksResponseArray in the spec).</summary>
internal sealed class BankGenerator : IRecordGenerator
{
    private static readonly string[] Names = ["Access Bank", "Guaranty Trust Bank", "Zenith Bank", "First Bank of Nigeria", "United Bank for Africa", "Wema Bank", "Sterling Bank", "Fidelity Bank", "Kuda Bank", "Opay"];

    public string Path => "bank";
    public long IdBase => 4_100_000_000;
    public string Noun => "Bank";
    public string? UpdatedField => "updatedAt";
    public Paging Paging => Paging.OffsetOrCursor;
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        // Names repeat across a large list, so the record number keeps each one distinct, as branches/variants are.
        var name = context.Index < Names.Length ? Names[context.Index] : $"{random.Pick(Names)} {context.Index}";
        var code = random.Digits(3);
        var nuban = random.Chance(0.85);
        return new JsonObject
        {
            ["name"] = name,
            ["slug"] = name.ToLowerInvariant().Replace(' ', '-'),
            ["code"] = code,
            ["longcode"] = code + random.Digits(6),
            ["gateway"] = random.Chance(0.5) ? null : random.Pick(new[] { "emandate", "ibank", "digitalbankmandate" }),
            ["pay_with_bank"] = random.Chance(0.3),
            ["supports_transfer"] = random.Chance(0.9),
            ["available_for_direct_debit"] = random.Chance(0.4),
            ["active"] = true,
            ["is_deleted"] = false,
            ["country"] = "Nigeria",
            ["currency"] = "NGN",
            ["type"] = nuban ? "nuban" : "mobile_money",
            ["id"] = context.Id,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(context.CreatedAt.AddDays(random.Between(0, 200))),
        };
    }
}
