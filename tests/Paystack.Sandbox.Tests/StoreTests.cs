using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class StoreTests
{
    [Fact]
    public async Task Added_records_are_served_in_order_with_higher_ids()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["customer"] = 100 } });
        using var client = new SandboxClient(server);
        var store = server.Store;
        var existing = store.Ids("customer");
        var middle = store.CreatedAt("customer", existing[50]);

        var newest = store.Add("customer");
        var backdated = store.Add("customer", middle);

        Assert.Equal(102, store.Count("customer"));
        Assert.True(long.Parse(newest) > existing.Max(long.Parse));
        Assert.Equal(middle, store.CreatedAt("customer", backdated));
        var ids = store.Ids("customer").ToList();
        Assert.Equal(newest, ids[0]);
        // Same second as existing[50] but a higher id, so it sorts just before the records of that second.
        Assert.True(ids.IndexOf(backdated) <= ids.IndexOf(existing[50]));

        var served = new List<string>();
        for (var page = 1; page <= 3; page++) served.AddRange((await client.GetOkAsync($"customer?page={page}")).Ids());
        Assert.Equal(ids, served);
        Assert.Equal(102, (await client.GetOkAsync("customer")).Meta()["total"].Long());
    }

    [Fact]
    public async Task Updates_change_the_served_record_and_move_updatedAt()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);
        var id = server.Store.Ids("refund")[3];
        var before = JsonNode.Parse(server.Store.Get("refund", id)!)!;

        server.Store.Update("refund", id, "status", "failed");

        var served = (await client.GetOkAsync("refund")).Data().Single(r => r!["id"]!.ToString() == id)!;
        Assert.Equal("failed", served["status"]!.GetValue<string>());
        Assert.True(served["updatedAt"].Time() > before["updatedAt"].Time());
        Assert.True(served["updatedAt"].Time() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(before["createdAt"]!.GetValue<string>(), served["createdAt"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => server.Store.Update("refund", id, "createdAt", "2020-01-01T00:00:00.000Z"));
        Assert.Throws<KeyNotFoundException>(() => server.Store.Update("refund", "1", "status", "failed"));
        Assert.Throws<ArgumentException>(() => server.Store.Count("invoice"));
    }

    [Fact]
    public async Task Amount_changes_and_added_records_flow_into_total_volume()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transaction"] = 30 } });
        using var client = new SandboxClient(server);
        var volume = (await client.GetOkAsync("transaction")).Meta()["total_volume"].Long();
        var id = server.Store.Ids("transaction")[10];
        var amount = JsonNode.Parse(server.Store.Get("transaction", id)!)!["amount"].Long();

        server.Store.Update("transaction", id, "amount", amount + 1234);
        var added = server.Store.Add("transaction");
        var addedAmount = JsonNode.Parse(server.Store.Get("transaction", added)!)!["amount"].Long();

        var body = await client.GetOkAsync("transaction");
        Assert.Equal(volume + 1234 + addedAmount, body.Meta()["total_volume"].Long());
        Assert.Equal(body.Data().Sum(r => r!["amount"].Long()), body.Meta()["total_volume"].Long());
    }

    [Fact]
    public async Task The_request_log_records_path_query_status_and_domain()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        await client.GetAsync("transaction?perPage=5");
        await client.GetAsync("nowhere");
        var entry = server.Requests.Entries[0];

        Assert.Equal(("GET", "transaction", "?perPage=5", 200, "test"), (entry.Method, entry.Path, entry.QueryString, entry.StatusCode, entry.Domain));
        Assert.Equal(1, server.Requests.Count(status: 404));
        Assert.Equal(2, server.Requests.Count());
        server.Requests.Clear();
        Assert.Equal(0, server.Requests.Count());
    }

    [Fact]
    public async Task Bad_options_are_refused_with_a_message_naming_them()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxServer.StartAsync(new SandboxOptions { Records = { ["transactions"] = 5 } }));
        Assert.Contains("transactions", unknown.Message);

        var backwards = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxServer.StartAsync(new SandboxOptions { DataEnd = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Contains("DataEnd", backwards.Message);

        var rate = Assert.Throws<ArgumentException>(() => new SandboxFaults { ResetRate = 1.5 });
        Assert.Contains("ResetRate", rate.Message);
    }

    [Fact]
    public async Task A_record_can_be_fetched_by_id()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server, server.Options.LiveKey);
        var id = server.Store.Ids("transfer")[7];

        var body = await client.GetOkAsync($"transfer/{id}");
        var missing = await client.GetAsync("transfer/12");

        Assert.Equal("Transfer retrieved", body["message"]!.GetValue<string>());
        Assert.Equal(id, body["data"]!["id"]!.ToString());
        Assert.Equal("live", body["data"]!["domain"]!.GetValue<string>());
        Assert.Equal(404, (int)missing.Status);
        Assert.Equal("""{"status":false,"message":"Transfer not found"}""", missing.Text);
    }
}
