using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /storefront records: hosted shops (StorefrontListResponseArray in the spec).</summary>
internal sealed class StorefrontGenerator : IRecordGenerator
{
    private static readonly string[] Names = ["Ada's Kitchen", "Kano Crafts Shop", "Lagos Sneakers", "Abuja Books", "Calabar Spice Co"];

    public string Path => "storefront";
    public long IdBase => 4_000_000_000;
    public string Noun => "Storefront";
    public string? UpdatedField => "updatedAt";
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var name = random.Pick(Names);
        var orders = random.Between(0, 800);
        var products = new JsonArray();
        for (var i = random.Next(4); i > 0; i--) products.Add(2_600_000_000 + random.Between(0, 5_000));
        return new JsonObject
        {
            ["id"] = context.Id,
            ["name"] = name,
            ["slug"] = name.ToLowerInvariant().Replace(' ', '-').Replace("'", "", StringComparison.Ordinal) + "-" + random.Code(4),
            ["orders_count"] = orders,
            ["status"] = random.Chance(0.85) ? "active" : "inactive",
            ["revenue"] = orders * random.Between(5, 50) * 10_000,
            ["currency"] = "NGN",
            ["products"] = products,
            ["contacts"] = new JsonArray(new JsonObject { ["type"] = "email", ["value"] = "hello@" + random.Code(6) + ".ng" }),
            ["social_media"] = new JsonArray(),
            ["shipping_fees"] = new JsonArray(),
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(context.CreatedAt.AddMinutes(random.Between(0, 600))),
        };
    }
}
