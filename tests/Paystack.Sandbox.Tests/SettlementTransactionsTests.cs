using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class SettlementTransactionsTests
{
    private static Task<SandboxServer> StartAsync(int settlements = 15, int transactions = 300) =>
        SandboxServer.StartAsync(new SandboxOptions { Records = { ["settlement"] = settlements, ["transaction"] = transactions } });

    [Fact]
    public async Task Every_settled_transaction_is_served_under_exactly_one_settlement()
    {
        await using var server = await StartAsync();
        using var client = new SandboxClient(server);
        var store = server.Store;
        var settlementIds = store.Ids("settlement");
        var newest = store.CreatedAt("settlement", settlementIds[0]);

        var served = new List<string>();
        var pageCount = 0;
        foreach (var settlementId in settlementIds)
        {
            var (ids, pages) = await PageWalk.ByPageAsync(client, $"settlement/{settlementId}/transactions", 7);
            Assert.Equal(store.SettlementTransactionIds(settlementId), ids);
            Assert.All(pages, p => Assert.Equal(ids.Count, p.Meta()["total"].Long()));
            var created = store.CreatedAt("settlement", settlementId);
            Assert.All(ids, id => Assert.True(store.CreatedAt("transaction", id) <= created, $"transaction {id} is newer than settlement {settlementId}"));
            served.AddRange(ids);
            pageCount += pages.Count;
        }

        Assert.Equal(served.Count, served.Distinct().Count());
        var settled = store.Ids("transaction").Where(id => store.CreatedAt("transaction", id) <= newest).ToList();
        Assert.Equal(settled.Order(), served.Order());
        Assert.True(settled.Count > 250, $"only {settled.Count} of 300 transactions are settled");
        Assert.True(pageCount > settlementIds.Count, "expected settlements spanning several pages");
    }

    [Fact]
    public async Task Records_are_the_transactions_as_listed_newest_first_with_offset_meta()
    {
        await using var server = await StartAsync();
        using var client = new SandboxClient(server);
        var settlementId = server.Store.Ids("settlement").First(id => server.Store.SettlementTransactionIds(id).Count > 5);

        var body = await client.GetOkAsync($"settlement/{settlementId}/transactions?perPage=5&page=1");

        Assert.True(body["status"]!.GetValue<bool>());
        Assert.Equal(["total", "skipped", "perPage", "page", "pageCount"], body.Meta().Select(p => p.Key));
        Assert.Equal(5, body.Data().Count);
        foreach (var record in body.Data())
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(server.Store.Get("transaction", record!["id"]!.ToString())!), record));
        var times = body.Data().Select(r => r!["createdAt"].Time()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("not-a-number")]
    public async Task An_unknown_settlement_is_a_404_like_fetching_it(string id)
    {
        await using var server = await StartAsync(5, 20);
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync($"settlement/{id}/transactions");
        var fetch = await client.GetAsync($"settlement/{id}");

        Assert.Equal(404, (int)reply.Status);
        Assert.Equal("""{"status":false,"message":"Settlement not found"}""", reply.Text);
        Assert.Equal(fetch.Text, reply.Text);
        Assert.Throws<KeyNotFoundException>(() => server.Store.SettlementTransactionIds(id));
    }

    [Fact]
    public async Task Transactions_arriving_during_a_walk_join_no_settlement_until_a_newer_one_exists()
    {
        await using var server = await StartAsync(6, 120);
        using var client = new SandboxClient(server);
        var store = server.Store;
        var newest = store.Ids("settlement")[0];
        var before = store.SettlementTransactionIds(newest);
        server.Faults.NewRecordsPerRequest = 2;

        var (ids, pages) = await PageWalk.ByPageAsync(client, $"settlement/{newest}/transactions", 4);

        Assert.Equal(before, ids);
        Assert.Equal(120 + 2 * pages.Count, store.Count("transaction"));
        server.Faults.NewRecordsPerRequest = 0;
        var payout = store.Add("settlement");
        var paidOut = store.SettlementTransactionIds(payout);
        Assert.Equal(store.Ids("transaction").Take(2 * pages.Count), paidOut.Take(2 * pages.Count));
        Assert.Equal(before, store.SettlementTransactionIds(newest));
        Assert.Equal(paidOut, (await PageWalk.ByPageAsync(client, $"settlement/{payout}/transactions", 50)).Ids);
    }

    [Fact]
    public async Task A_bad_page_is_a_400()
    {
        await using var server = await StartAsync(5, 20);
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync($"settlement/{server.Store.Ids("settlement")[0]}/transactions?page=0");

        Assert.Equal(400, (int)reply.Status);
        Assert.Equal("validation_error", reply.Json["type"]!.GetValue<string>());
    }
}
