using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class TransferRecipientTests
{
    private const string Fields =
        "active createdAt currency description domain email id integration metadata name recipient_code type updatedAt is_deleted isDeleted details";

    [Fact]
    public async Task Recipients_carry_every_field_of_the_spec_object()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transferrecipient"] = 120 } });
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("transferrecipient?perPage=100");

        Assert.Equal("Recipients retrieved", body["message"]!.GetValue<string>());
        Assert.Equal(120, body.Meta()["total"].Long());
        var records = body.Data().Select(r => r!.AsObject()).ToList();
        Assert.Equal(100, records.Count);
        foreach (var record in records)
        {
            foreach (var field in Fields.Split(' '))
                Assert.True(record.ContainsKey(field), $"recipient lacks '{field}': {record.ToJsonString()}");
            foreach (var field in "authorization_code account_number account_name bank_code bank_name".Split(' '))
                Assert.True(record["details"]!.AsObject().ContainsKey(field), $"recipient details lack '{field}'");
            Assert.True(record["id"].Long() > int.MaxValue);
            Assert.StartsWith("RCP_", record["recipient_code"]!.GetValue<string>());
            Assert.Equal(record["is_deleted"]!.GetValue<bool>(), record["isDeleted"]!.GetValue<bool>());
            Assert.Equal(JsonValueKind.String, record["description"]!.GetValueKind());
            var type = record["type"]!.GetValue<string>();
            var details = record["details"]!;
            if (type == "nuban") Assert.Matches("^[0-9]{10}$", details["account_number"]!.GetValue<string>());
            else Assert.StartsWith("AUTH_", details["authorization_code"]!.GetValue<string>());
        }
        Assert.Contains(records, r => r["type"]!.GetValue<string>() == "nuban");
        Assert.Contains(records, r => r["type"]!.GetValue<string>() == "authorization");
    }

    [Fact]
    public async Task Recipients_ignore_from_and_to()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transferrecipient"] = 60 } });
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("transferrecipient?from=2030-01-01&to=2030-02-01");

        Assert.Equal(60, body.Meta()["total"].Long());
    }

    [Theory]
    [InlineData("transferrecipient")]
    [InlineData("bank")]
    public async Task Page_numbers_walk_to_the_end(string path)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { [path] = 101 } });
        using var client = new SandboxClient(server);

        var (ids, pages) = await PageWalk.ByPageAsync(client, path, 20);

        Assert.Equal(6, pages.Count);
        Assert.Equal(server.Store.Ids(path), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Transfers_nest_recipients_that_the_list_serves_and_that_existed_before_them()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transfer"] = 60, ["transferrecipient"] = 80 } });
        using var client = new SandboxClient(server);

        var transfers = (await client.GetOkAsync("transfer?perPage=60")).Data();

        foreach (var transfer in transfers)
        {
            var nested = transfer!["recipient"]!;
            var listed = server.Store.Get("transferrecipient", nested["id"]!.ToString());
            Assert.NotNull(listed);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(listed), nested), $"{nested.ToJsonString()} differs from {listed}");
        }
        // Most transfers come after the first recipients; those point at a recipient created before them.
        var later = transfers.Where(t => t!["createdAt"].Time() > t["recipient"]!["createdAt"].Time()).Count();
        Assert.True(later > transfers.Count * 9 / 10, $"only {later} of {transfers.Count} transfers follow their recipient");
    }
}
