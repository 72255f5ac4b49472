using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /plan records: recurring payment plans (PlanListResponseArray in the OpenAPI spec).</summary>
internal sealed class PlanGenerator : IRecordGenerator
{
    private static readonly string[] Intervals = ["daily", "weekly", "monthly", "biannually", "annually"];
    private static readonly string[] Tiers = ["Basic", "Starter", "Standard", "Pro", "Premium", "Family", "Student"];
    private static readonly long[] Amounts = [50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000];

    public string Path => "plan";
    public long IdBase => 3_100_000_000;
    public string Noun => "Plan";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var interval = random.Pick(Intervals);
        var total = random.Between(0, 400);
        var active = total == 0 ? 0 : random.Between(0, total + 1);
        var amount = random.Pick(Amounts);
        var updated = random.Chance(0.7) ? context.CreatedAt : context.CreatedAt.AddMinutes(random.Between(1, 60 * 24 * 30));
        return new JsonObject
        {
            ["subscriptions"] = new JsonArray(),
            ["pages"] = new JsonArray(),
            ["domain"] = context.Domain,
            ["name"] = $"{random.Pick(Tiers)} {interval} plan",
            ["plan_code"] = "PLN_" + random.Code(15),
            ["description"] = random.Chance(0.5) ? null : $"Billed {interval}",
            ["amount"] = amount,
            ["interval"] = interval,
            ["invoice_limit"] = random.Chance(0.8) ? 0 : random.Between(1, 24),
            ["send_invoices"] = random.Chance(0.9),
            ["send_sms"] = random.Chance(0.9),
            ["hosted_page"] = false,
            ["hosted_page_url"] = null,
            ["hosted_page_summary"] = null,
            ["currency"] = "NGN",
            ["migrate"] = false,
            ["is_deleted"] = false,
            ["is_archived"] = random.Chance(0.1),
            ["id"] = context.Id,
            ["integration"] = context.Integration,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
            ["total_subscriptions"] = total,
            ["active_subscriptions"] = active,
            ["total_subscriptions_revenue"] = total * amount,
        };
    }
}
