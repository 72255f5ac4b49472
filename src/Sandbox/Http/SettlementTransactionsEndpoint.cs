using CommunityToolkit.HighPerformance.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paystack.Sandbox.Data;
using Paystack.Sandbox.Generators;

namespace Paystack.Sandbox.Http;

/// <summary>
/// GET /settlement/{id}/transactions: the transactions one settlement pays out (see <see cref="SettlementMembership"/>),
/// exactly as GET /transaction serves them, newest first, offset paged; 404 for an unknown settlement.
/// </summary>
internal sealed class SettlementTransactionsEndpoint(Dataset dataset, SandboxOptions options, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, string id)
    {
        var settlements = dataset.Get(SettlementMembership.SettlementPath);
        var transactions = dataset.Get(SettlementMembership.TransactionPath);
        var query = ListQuery.Parse(context.Request.Query, options, Paging.Offset);
        if (query.Error is { } error)
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status400BadRequest, PaystackErrors.Invalid(error));
            return;
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !settlements.TryFind(number, out var settlement))
        {
            await JsonReply.WriteAsync(context, StatusCodes.Status404NotFound, PaystackErrors.Simple(settlements.Generator.Noun + " not found"));
            return;
        }

        // Data arriving during a sync: new payments, which no settlement covers until a newer settlement exists.
        for (var i = options.Faults.NewRecordsPerRequest; i > 0; i--) transactions.Add(clock.GetUtcNow());

        var domain = (string)context.Items[SandboxPipeline.DomainKey]!;
        var selection = transactions.Select(SettlementMembership.RangeOf(settlements, settlement));
        // Pages run to hundreds of kilobytes: a pooled buffer keeps them off the large object heap.
        using var buffer = new ArrayPoolBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonReply.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("status", true);
            writer.WriteString("message", "Settlement transactions retrieved");
            OffsetPage.Write(writer, options, transactions, selection, query, domain, withVolume: false);
            writer.WriteEndObject();
        }
        await JsonReply.WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory);
    }
}
