using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /paymentrequest (invoice) records (see paystack-examples/paymentrequest.json): <c>created_at</c> only.</summary>
internal sealed class PaymentRequestGenerator : IRecordGenerator
{
    private static readonly (string Name, long Amount)[] Items =
    [
        ("Pancakes and sausage", 200_000), ("Chicken Salad", 300_000), ("Consulting hour", 2_500_000),
        ("Monthly retainer", 5_000_000), ("Delivery", 150_000), ("Design review", 1_200_000),
    ];

    public string Path => "paymentrequest";
    public long IdBase => 4_400_000_000;
    public string Noun => "Payment request";
    public string? UpdatedField => null;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var lines = new JsonArray();
        long amount = 0;
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var item = random.Pick(Items);
            var quantity = 1 + random.Next(3);
            amount += item.Amount * quantity;
            lines.Add(new JsonObject { ["name"] = item.Name, ["amount"] = item.Amount, ["quantity"] = quantity });
        }
        var roll = random.NextDouble();
        var status = roll < 0.55 ? "success" : roll < 0.85 ? "pending" : roll < 0.95 ? "draft" : "failed";
        var paid = status == "success";
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var hasInvoice = status != "draft";
        var integration = context.Integration;
        var code = random.Code(25);
        return new JsonObject
        {
            ["id"] = context.Id,
            ["integration"] = integration,
            ["domain"] = context.Domain,
            ["amount"] = amount,
            ["currency"] = "NGN",
            ["due_date"] = random.Chance(0.6) ? Timestamps.Format(context.CreatedAt.Date.AddDays(7 + random.Next(21))) : null,
            ["has_invoice"] = hasInvoice,
            ["invoice_number"] = hasInvoice ? JsonValue.Create(1 + context.Index % 100_000) : null,
            ["description"] = random.Chance(0.8) ? "Invoice for " + person.Email : null,
            ["pdf_url"] = hasInvoice ? $"https://api.paystack.co/files/invoices/{integration}/{code}.pdf" : null,
            ["line_items"] = lines,
            ["tax"] = new JsonArray(),
            ["request_code"] = "PRQ_" + random.Code(15),
            ["status"] = status,
            ["paid"] = paid,
            ["paid_at"] = paid ? Timestamps.Format(context.CreatedAt.AddHours(random.Between(1, 24 * 10))) : null,
            ["metadata"] = null,
            ["notifications"] = hasInvoice
                ? new JsonArray { new JsonObject { ["sent_at"] = Timestamps.Format(context.CreatedAt.AddSeconds(1)), ["channel"] = "email" } }
                : new JsonArray(),
            ["offline_reference"] = $"{integration}{context.Id % 100_000_000}",
            ["customer"] = Fragments.Customer(person),
            ["created_at"] = Timestamps.Format(context.CreatedAt),
            ["discount"] = null,
            ["split_code"] = null,
        };
    }
}
