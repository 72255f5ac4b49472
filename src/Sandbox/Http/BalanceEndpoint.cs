using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Data;

namespace Paystack.Sandbox.Http;

/// <summary>
/// GET /balance: one entry per currency, no <c>meta</c>. The NGN balance is what the merchant has collected but not
/// yet been paid out: a reserve fixed by the seed plus the amounts of the transactions no settlement covers yet, less
/// a 1.5% fee; so it grows when payments arrive and drops when a settlement is added. Every record is in NGN, so a
/// USD balance fixed by the seed stands in for a second currency.
/// </summary>
internal sealed class BalanceEndpoint(Dataset dataset)
{
    public Task HandleAsync(HttpContext context) =>
        JsonReply.WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["status"] = true,
            ["message"] = "Balances retrieved",
            ["data"] = new JsonArray(Entry("NGN", NairaBalance()), Entry("USD", DollarBalance())),
        });

    private long NairaBalance()
    {
        var transactions = dataset.Get(SettlementMembership.TransactionPath);
        var unsettled = transactions.Select(SettlementMembership.Unsettled(dataset.Get(SettlementMembership.SettlementPath)));
        var collected = transactions.SumAmounts(unsettled) ?? 0;
        var reserve = 5_000_000 + (long)(RecordRandom.Hash(dataset.Seed, "balance", 0) % 95_000_000);
        return reserve + collected - collected * 15 / 1000;
    }

    private long DollarBalance() => 10_000 + (long)(RecordRandom.Hash(dataset.Seed, "balance", 1) % 2_000_000);

    private static JsonObject Entry(string currency, long balance) => new() { ["currency"] = currency, ["balance"] = balance };
}
