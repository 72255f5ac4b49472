using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /page records: hosted payment pages (PageListResponseArray in the spec).</summary>
internal sealed class PaymentPageGenerator : IRecordGenerator
{
    private static readonly string[] Purposes = ["Donations", "Event tickets", "School fees", "Consulting deposit", "Membership dues", "Workshop seat"];

    public string Path => "page";
    public long IdBase => 2_300_000_000;
    public string Noun => "Page";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var purpose = random.Pick(Purposes);
        var fixedAmount = random.Chance(0.6);
        var updated = random.Chance(0.6) ? context.CreatedAt : context.CreatedAt.AddMinutes(random.Between(1, 60 * 24 * 60));
        JsonNode? customFields = random.Chance(0.7)
            ? null
            : new JsonArray(new JsonObject { ["display_name"] = "Company", ["variable_name"] = "company" });
        return new JsonObject
        {
            ["integration"] = context.Integration,
            ["plan"] = null,
            ["domain"] = context.Domain,
            ["name"] = purpose,
            ["description"] = random.Chance(0.4) ? null : $"Pay for {purpose.ToLowerInvariant()} online",
            ["amount"] = fixedAmount ? random.Between(1, 200) * 50_000 : null,
            ["currency"] = "NGN",
            ["slug"] = random.Code(10),
            ["custom_fields"] = customFields,
            ["type"] = "payment",
            ["redirect_url"] = random.Chance(0.8) ? null : "https://example.com/thanks",
            ["success_message"] = random.Chance(0.7) ? null : "Thank you!",
            ["collect_phone"] = random.Chance(0.5),
            ["active"] = random.Chance(0.9),
            ["published"] = true,
            ["migrate"] = false,
            ["notification_email"] = null,
            ["metadata"] = random.Chance(0.5) ? null : new JsonObject { ["source"] = "dashboard" },
            ["split_code"] = null,
            ["id"] = context.Id,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
        };
    }
}
