using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /product records: items sold through storefronts and payment pages (ProductListsResponseArray in the spec).</summary>
internal sealed class ProductGenerator : IRecordGenerator
{
    private static readonly string[] Goods = ["Ankara tote bag", "Shea butter jar", "Leather sandals", "Coffee beans 1kg", "Beaded necklace", "Printed T-shirt", "E-book: Lagos eats"];
    private static readonly string[] Colors = ["#0B4F6C", "#F2A541", "#3BB273", "#E15554", "#7768AE"];

    public string Path => "product";
    public long IdBase => 2_600_000_000;
    public string Noun => "Product";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var name = random.Pick(Goods);
        var digital = name.StartsWith("E-book", StringComparison.Ordinal);
        var unlimited = digital || random.Chance(0.3);
        var quantity = unlimited ? 0 : random.Between(1, 500);
        var sold = random.Between(0, 200);
        var updated = random.Chance(0.6) ? context.CreatedAt : context.CreatedAt.AddMinutes(random.Between(1, 60 * 24 * 60));
        return new JsonObject
        {
            ["id"] = context.Id,
            ["name"] = name,
            ["description"] = $"{name}, made to order",
            ["product_code"] = "PROD_" + random.Code(14),
            ["slug"] = name.ToLowerInvariant().Replace(' ', '-').Replace(":", "", StringComparison.Ordinal) + "-" + random.Code(4),
            ["currency"] = "NGN",
            ["price"] = random.Between(10, 500) * 10_000,
            ["quantity"] = quantity,
            ["quantity_sold"] = sold,
            ["active"] = random.Chance(0.9),
            ["domain"] = context.Domain,
            ["type"] = digital ? "digital" : "good",
            ["in_stock"] = unlimited || quantity > 0,
            ["unlimited"] = unlimited,
            ["metadata"] = new JsonObject { ["background_color"] = random.Pick(Colors) },
            ["files"] = new JsonArray(),
            ["success_message"] = null,
            ["redirect_url"] = null,
            ["split_code"] = null,
            ["notification_emails"] = null,
            ["minimum_orderable"] = 1,
            ["maximum_orderable"] = random.Chance(0.8) ? null : random.Between(2, 20),
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
            ["digital_assets"] = new JsonArray(),
            ["variant_options"] = new JsonArray(),
            ["is_shippable"] = !digital,
            ["shipping_fields"] = new JsonObject
            {
                ["delivery_note"] = digital ? "" : "Delivered within 3 working days",
                ["shipping_address"] = digital ? "disabled" : "required",
                ["shipping_fees"] = new JsonArray(),
            },
            ["integration"] = context.Integration,
            ["low_stock_alert"] = unlimited ? 0 : 5,
        };
    }
}
