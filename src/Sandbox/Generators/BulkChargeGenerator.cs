using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>GET /bulkcharge records: batches of charges on saved authorizations (BulkChargeListResponseArray in the spec).</summary>
internal sealed class BulkChargeGenerator : IRecordGenerator
{
    private static readonly string[] Statuses = ["complete", "complete", "complete", "active", "paused"];

    public string Path => "bulkcharge";
    public long IdBase => 3_800_000_000;
    public string Noun => "Bulk charge batch";
    public string? UpdatedField => "updatedAt";
    public bool FiltersByTime => false;

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var status = random.Pick(Statuses);
        var updated = status == "complete" ? context.CreatedAt.AddMinutes(random.Between(1, 180)) : context.CreatedAt;
        return new JsonObject
        {
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["batch_code"] = "BCH_" + random.Code(15),
            ["status"] = status,
            ["easy_cron_id"] = null,
            ["reference"] = "bulkcharge-" + context.CreatedAt.ToUnixTimeMilliseconds() + "-" + random.Digits(4),
            ["total_charges"] = random.Between(1, 500),
            ["pending_charges"] = status == "complete" ? 0 : random.Between(1, 50),
            ["id"] = context.Id,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(updated),
        };
    }
}
