using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /order records: storefront and page orders (OrderListResponseArray in the spec). Orders name their times
/// <c>created_at</c>/<c>updated_at</c> and carry the customer and transaction as bare ids.
/// </summary>
internal sealed class OrderGenerator : IRecordGenerator
{
    private static readonly string[] Goods = ["Ankara tote bag", "Shea butter jar", "Leather sandals", "Coffee beans 1kg", "Beaded necklace"];
    private static readonly string[] Statuses = ["success", "success", "success", "pending", "abandoned"];

    public string Path => "order";
    public long IdBase => 2_900_000_000;
    public string Noun => "Order";
    public string? UpdatedField => "updated_at";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var transaction = context.Links.TransactionIndexBefore(context.CreatedAt, random) is { } index
            ? context.Links.TransactionId(index)
            : 5_000_000_000 + context.Index;
        var status = random.Pick(Statuses);
        var paid = status == "success";
        var paidAt = context.CreatedAt.AddSeconds(random.Between(5, 600));
        var count = 1 + random.Next(3);
        var items = new JsonArray();
        long amount = 0;
        for (var i = 0; i < count; i++)
        {
            var quantity = 1 + random.Next(3);
            var price = random.Between(10, 300) * 10_000;
            amount += price * quantity;
            var productId = 2_600_000_000 + random.Between(0, 5_000);
            items.Add(new JsonObject
            {
                ["order_item_id"] = context.Id * 4 + i,
                ["orderId"] = context.Id,
                ["type"] = "product",
                ["item"] = productId,
                ["current_total_items_price"] = price * quantity,
                ["files"] = "[]",
                ["order"] = context.Id,
                ["amount"] = price,
                ["quantity"] = quantity,
                ["createdAt"] = Timestamps.Format(context.CreatedAt),
                ["name"] = random.Pick(Goods),
                ["product_level_type"] = "product",
                ["product_id"] = productId,
                ["product_success_message"] = null,
                ["product_redirect_url"] = null,
                ["product_quantity_sold"] = random.Between(quantity, 300),
                ["product_notification_emails"] = null,
                ["storefront_redirect_url"] = null,
                ["storefront_success_message"] = null,
            });
        }
        var shippingFees = random.Chance(0.5) ? 0 : 150_000;
        return new JsonObject
        {
            ["id"] = context.Id,
            ["order_code"] = "ORD_" + random.Code(14),
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["currency"] = "NGN",
            ["amount"] = amount + shippingFees,
            ["transaction"] = transaction,
            ["page"] = null,
            ["customer"] = person.Id,
            ["customer_name"] = $"{person.FirstName} {person.LastName}".Trim(),
            ["status"] = status,
            ["shipping_address"] = null,
            ["metadata"] = "{}",
            ["created_at"] = Timestamps.Format(context.CreatedAt),
            ["updated_at"] = Timestamps.Format(paid ? paidAt : context.CreatedAt),
            ["email"] = person.Email,
            ["paid_at"] = paid ? Timestamps.Format(paidAt) : null,
            ["shipping"] = null,
            ["shipping_fees"] = shippingFees,
            ["refunded"] = false,
            ["is_viewed"] = random.Chance(0.6),
            ["refunded_amount"] = null,
            ["discount_amount"] = null,
            ["discounts"] = null,
            ["items"] = items,
            ["fully_refunded"] = false,
        };
    }
}
