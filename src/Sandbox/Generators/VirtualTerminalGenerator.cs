using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /virtual_terminal records: in-person payment points (VirtualTerminalListResponseArray in the spec).</summary>
internal sealed class VirtualTerminalGenerator : IRecordGenerator
{
    private static readonly string[] Places = ["Front desk", "Lekki branch", "Ikeja outlet", "Pop-up stand", "Delivery rider"];

    public string Path => "virtual_terminal";
    public long IdBase => 3_900_000_000;
    public string Noun => "Virtual Terminal";
    public string? UpdatedField => null;
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var methods = new JsonArray("card");
        if (random.Chance(0.7)) methods.Add("bank_transfer");
        if (random.Chance(0.3)) methods.Add("ussd");
        return new JsonObject
        {
            ["id"] = context.Id,
            ["code"] = "VT_" + random.Code(8).ToUpperInvariant(),
            ["name"] = $"{random.Pick(Places)} {1 + random.Next(9)}",
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["paymentMethods"] = methods,
            ["active"] = random.Chance(0.9),
            ["created_at"] = Timestamps.Format(context.CreatedAt),
            ["currency"] = "NGN",
        };
    }
}
