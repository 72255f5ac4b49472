using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /subscription records (see paystack-examples/subscription.json), with plan, authorization and customer.</summary>
internal sealed class SubscriptionGenerator : IRecordGenerator
{
    private static readonly (string Name, long Amount, string Interval, string Cron)[] Plans =
    [
        ("Monthly retainer", 500_000, "monthly", "0 0 1 * *"), ("Weekly box", 250_000, "weekly", "0 0 * * 1"),
        ("Annual licence", 12_000_000, "annually", "0 0 1 1 *"), ("Daily digest", 10_000, "daily", "0 0 * * *"),
    ];

    public string Path => "subscription";
    public long IdBase => 4_700_000_000;
    public string Noun => "Subscription";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var planIndex = random.Next(Plans.Length);
        var plan = Plans[planIndex];
        var quantity = random.Chance(0.9) ? 1 : 2 + random.Next(3);
        var roll = random.NextDouble();
        var status = roll < 0.6 ? "active" : roll < 0.8 ? "complete" : roll < 0.95 ? "cancelled" : "non-renewing";
        var active = status == "active";
        var person = context.Links.CustomerBefore(context.CreatedAt, random);
        var code = "SUB_" + random.Code(15);
        var openInvoice = active && random.Chance(0.5) ? "INV_" + random.Code(15) : null;
        var planCreated = Timestamps.Format(context.Links.PlanCreatedAt(planIndex));
        var created = Timestamps.Format(context.CreatedAt);
        return new JsonObject
        {
            ["id"] = context.Id,
            ["domain"] = context.Domain,
            ["status"] = status,
            ["start"] = context.CreatedAt.ToUnixTimeSeconds(),
            ["quantity"] = quantity,
            ["subscription_code"] = code,
            ["email_token"] = random.Code(15),
            ["amount"] = plan.Amount * quantity,
            ["cron_expression"] = plan.Cron,
            ["next_payment_date"] = active ? Timestamps.Format(context.CreatedAt.AddMonths(1 + random.Next(12))) : null,
            ["open_invoice"] = openInvoice,
            ["createdAt"] = created,
            ["updatedAt"] = Timestamps.Format(context.CreatedAt.AddDays(random.Next(30))),
            ["integration"] = context.Integration,
            ["plan"] = new JsonObject
            {
                ["id"] = 180_000 + planIndex,
                ["domain"] = context.Domain,
                ["name"] = plan.Name,
                ["plan_code"] = "PLN_" + RandomFor(context, planIndex).Code(15),
                ["description"] = null,
                ["amount"] = plan.Amount,
                ["interval"] = plan.Interval,
                ["send_invoices"] = true,
                ["send_sms"] = true,
                ["currency"] = "NGN",
                ["integration"] = context.Integration,
                ["createdAt"] = planCreated,
                ["updatedAt"] = planCreated,
            },
            ["authorization"] = Fragments.Authorization(random, "card", reusableAsNumber: true),
            ["customer"] = Fragments.Customer(person),
            ["invoice_limit"] = 0,
            ["split_code"] = null,
            ["payments_count"] = random.Next(40),
            ["most_recent_invoice"] = openInvoice is null ? null : new JsonObject
            {
                ["subscription"] = context.Id,
                ["integration"] = context.Integration,
                ["domain"] = context.Domain,
                ["invoice_code"] = openInvoice,
                ["customer"] = person.Id,
                ["transaction"] = null,
                ["amount"] = plan.Amount * quantity,
                ["period_start"] = created,
                ["period_end"] = Timestamps.Format(context.CreatedAt.AddMonths(1).AddSeconds(-1)),
                ["status"] = "pending",
                ["paid"] = 0,
                ["retries"] = 0,
                ["authorization"] = random.Between(200_000_000, 300_000_000),
                ["paid_at"] = null,
                ["next_notification"] = null,
                ["notification_flag"] = null,
                ["description"] = null,
                ["id"] = random.Between(6_000_000, 7_000_000),
                ["created_at"] = created,
                ["updated_at"] = created,
            },
            ["metadata"] = null,
        };
    }

    // Plan codes are per plan, not per subscription.
    private static Data.RecordRandom RandomFor(RecordContext context, int planIndex) =>
        Data.RecordRandom.For(context.Seed, "plan", planIndex);
}
