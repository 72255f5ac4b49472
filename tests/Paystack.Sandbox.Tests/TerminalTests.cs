using System.Text;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class TerminalTests
{
    private const string Fields = "id serial_number device_make terminal_id integration domain name address status";

    private static Task<SandboxServer> StartAsync(int terminals) =>
        SandboxServer.StartAsync(new SandboxOptions { Records = { ["terminal"] = terminals } });

    [Fact]
    public async Task Terminals_carry_the_spec_fields_and_cursor_meta_only()
    {
        await using var server = await StartAsync(80);
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("terminal");

        Assert.Equal("Terminals retrieved", body["message"]!.GetValue<string>());
        Assert.Equal(["next", "previous", "perPage"], body.Meta().Select(p => p.Key));
        Assert.Null(body.Meta()["previous"]);
        Assert.NotNull(body.Meta()["next"]);
        Assert.Equal(50, body.Meta()["perPage"].Long());
        var records = body.Data().Select(r => r!.AsObject()).ToList();
        Assert.Equal(50, records.Count);
        foreach (var record in records)
        {
            Assert.Equal(Fields.Split(' ').Order(), record.Select(p => p.Key).Order());
            Assert.True(record["id"].Long() > int.MaxValue);
            Assert.Matches("^[A-Za-z0-9]{8}$", record["terminal_id"]!.GetValue<string>());
            Assert.Contains(record["status"]!.GetValue<string>(), new[] { "active", "inactive" });
        }
        Assert.Contains(records, r => r["serial_number"] is not null);
    }

    [Fact]
    public async Task Next_walks_every_terminal_exactly_once()
    {
        await using var server = await StartAsync(100);
        using var client = new SandboxClient(server);

        var (ids, pages) = await PageWalk.ByCursorAsync(client, "terminal?per_page=17");

        Assert.Equal(6, pages.Count);
        Assert.Equal(server.Store.Ids("terminal"), ids);
        Assert.All(pages, p => Assert.Equal(17, p.Meta()["perPage"].Long()));
        Assert.All(pages.Skip(1), p => Assert.NotNull(p.Meta()["previous"]));
        var token = Encoding.UTF8.GetString(Convert.FromBase64String(pages[0].Meta()["next"]!.GetValue<string>()));
        Assert.Equal("terminal:" + ids[16], token);
    }

    [Fact]
    public async Task Only_per_page_sets_the_size_and_page_numbers_mean_nothing()
    {
        await using var server = await StartAsync(120);
        using var client = new SandboxClient(server);

        var camel = await client.GetOkAsync("terminal?perPage=10");
        var paged = await client.GetOkAsync("terminal?per_page=10&page=3");

        Assert.Equal(50, camel.Data().Count);
        Assert.Equal(50, camel.Meta()["perPage"].Long());
        Assert.Equal(server.Store.Ids("terminal").Take(10), paged.Ids());
        Assert.Null(paged.Meta()["previous"]);
    }

    [Theory]
    [InlineData("next=not-base64!")]
    [InlineData("previous=%25%25")]
    [InlineData("next=dGVybWluYWw6MQ==")] // terminal:1, no such record
    [InlineData("per_page=0")]
    public async Task A_bad_cursor_or_size_is_a_400(string query)
    {
        await using var server = await StartAsync(10);
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync("terminal?" + query);

        Assert.Equal(400, (int)reply.Status);
        Assert.False(reply.Json["status"]!.GetValue<bool>());
        Assert.Equal("validation_error", reply.Json["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Terminals_added_during_a_walk_neither_repeat_nor_hide_rows()
    {
        await using var server = await StartAsync(70);
        using var client = new SandboxClient(server);
        var before = server.Store.Ids("terminal");
        server.Faults.NewRecordsPerRequest = 2;

        var (ids, _) = await PageWalk.ByCursorAsync(client, "terminal?per_page=20");

        Assert.Equal(before, ids.Where(before.Contains));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(before.Count, ids.Count(before.Contains));
        Assert.Null(JsonNode.Parse(server.Store.Get("terminal", before[0])!)!["createdAt"]);
    }
}
