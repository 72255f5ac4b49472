using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Generators;

/// <summary>
/// GET /balance/ledger records: one entry per balance movement (BalanceFetchLedgerResponseArray in the spec). An
/// entry names the record that moved the balance (<c>model_responsible</c>, <c>model_row</c>).
/// </summary>
internal sealed class BalanceLedgerGenerator : IRecordGenerator
{
    public string Path => "balance/ledger";
    public long IdBase => 3_400_000_000;
    public string Noun => "Balance ledger entry";
    public string? UpdatedField => "updatedAt";

    public JsonObject Create(RecordContext context)
    {
        var random = context.Random;
        var transaction = context.Links.TransactionIndexBefore(context.CreatedAt, random);
        var credit = transaction is not null && random.Chance(0.75);
        var difference = credit ? random.Between(1, 500) * 1_000 : -random.Between(1, 300) * 1_000;
        var (model, row, reason) = credit
            ? ("Transaction", context.Links.TransactionId(transaction!.Value), "Transaction settled to balance")
            : random.Chance(0.8)
                ? ("Transfer", 1_600_000_000 + random.Between(0, 1_000_000), "Transfer to recipient")
                : ("Refund", 1_700_000_000 + random.Between(0, 1_000_000), "Refund of transaction");
        // The balance grows with the business: a slow upward drift plus this entry's movement.
        var balance = 25_000_000 + context.Index * 4_000 + difference;
        return new JsonObject
        {
            ["integration"] = context.Integration,
            ["domain"] = context.Domain,
            ["balance"] = balance,
            ["currency"] = "NGN",
            ["difference"] = difference,
            ["reason"] = reason,
            ["model_responsible"] = model,
            ["model_row"] = row,
            ["id"] = context.Id,
            ["createdAt"] = Timestamps.Format(context.CreatedAt),
            ["updatedAt"] = Timestamps.Format(context.CreatedAt),
        };
    }
}
