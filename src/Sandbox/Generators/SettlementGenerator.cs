using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /settlement records (see paystack-examples/settlement.json).</summary>
internal sealed class SettlementGenerator : IRecordGenerator
{
    public string Path => "settlement";
    public long IdBase => 4_600_000_000;
    public string Noun => "Settlement";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var processed = random.Between(10_000, 500_000_000);
        var fees = Math.Min(processed / 2, processed * 15 / 1000);
        var total = processed - fees;
        var roll = random.NextDouble();
        var status = roll < 0.9 ? "success" : roll < 0.97 ? "processing" : "failed";
        return new JsonObject
        {
            ["id"] = context.Id,
            ["domain"] = context.Domain,
            ["status"] = status,
            ["currency"] = "NGN",
            ["integration"] = context.Integration,
            ["total_amount"] = total,
            ["effective_amount"] = total,
            ["total_fees"] = fees,
            ["total_processed"] = processed,
            ["deductions"] = null,
            ["settlement_date"] = Timestamps.Format(new DateTimeOffset(context.CreatedAt.UtcDateTime.Date, TimeSpan.Zero)),
            ["settled_by"] = null,
            ["subaccount"] = null,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(context.CreatedAt.AddMinutes(random.Between(0, 60 * 8))),
        };
    }
}
