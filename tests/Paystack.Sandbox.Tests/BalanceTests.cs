using System.Text.Json;

namespace Paystack.Sandbox.Tests;

public class BalanceTests
{
    private static async Task<string> BalanceText(int seed)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Seed = seed, RecordsPerStream = 50 });
        using var client = new SandboxClient(server);
        return (await client.GetAsync("balance")).Text;
    }

    private static long Naira(System.Text.Json.Nodes.JsonObject body) =>
        body.Data().Single(e => e!["currency"]!.GetValue<string>() == "NGN")!["balance"].Long();

    [Fact]
    public async Task Balance_lists_one_entry_per_currency_without_meta()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 50 });
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("balance");

        Assert.Equal(["status", "message", "data"], body.Select(p => p.Key));
        Assert.True(body["status"]!.GetValue<bool>());
        Assert.Equal("Balances retrieved", body["message"]!.GetValue<string>());
        Assert.Equal(["NGN", "USD"], body.Data().Select(e => e!["currency"]!.GetValue<string>()));
        Assert.All(body.Data(), e =>
        {
            Assert.Equal(["currency", "balance"], e!.AsObject().Select(p => p.Key));
            Assert.Equal(JsonValueKind.Number, e["balance"]!.GetValueKind());
            Assert.True(e["balance"].Long() > 0);
        });
    }

    [Fact]
    public async Task Same_seed_gives_the_same_balance_and_another_seed_does_not()
    {
        var first = await BalanceText(11);
        Assert.Equal(first, await BalanceText(11));
        Assert.NotEqual(first, await BalanceText(12));
    }

    [Fact]
    public async Task Payments_raise_the_balance_and_a_settlement_pays_it_out()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["settlement"] = 5, ["transaction"] = 200 } });
        using var client = new SandboxClient(server);
        var before = Naira(await client.GetOkAsync("balance"));

        var payment = server.Store.Add("transaction");
        var amount = System.Text.Json.Nodes.JsonNode.Parse(server.Store.Get("transaction", payment)!)!["amount"].Long();
        var collected = Naira(await client.GetOkAsync("balance"));
        server.Store.Add("settlement");
        var settled = Naira(await client.GetOkAsync("balance"));

        Assert.Equal(before + amount - amount * 15 / 1000, collected);
        // The new settlement pays out everything collected so far, including what was unsettled before.
        Assert.True(settled < collected, $"after a settlement {settled} should be below {collected}");
        Assert.True(settled <= before, $"after a settlement {settled} should not exceed {before}");
        Assert.Contains(payment, server.Store.SettlementTransactionIds(server.Store.Ids("settlement")[0]));
        Assert.Equal(settled, Naira(await client.GetOkAsync("balance")));
    }

    [Fact]
    public async Task Balance_goes_through_auth_rate_limit_and_faults()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 10, TestRateLimit = 2 });
        using var client = new SandboxClient(server);
        using var anonymous = new SandboxClient(server, key: "");

        Assert.Equal(401, (int)(await anonymous.GetAsync("balance")).Status);
        var first = await client.GetAsync("balance");
        Assert.Equal("1", first.Header("X-RateLimit-Remaining"));
        server.Faults.ServerErrorRate = 1;
        var failed = await client.GetAsync("balance");
        var limited = await client.GetAsync("balance");

        Assert.Contains((int)failed.Status, new[] { 500, 502, 503 });
        Assert.Equal(429, (int)limited.Status);
        Assert.Equal("rate_limited", limited.Json["code"]!.GetValue<string>());
        Assert.Equal(4, server.Requests.Count("balance"));
    }
}
