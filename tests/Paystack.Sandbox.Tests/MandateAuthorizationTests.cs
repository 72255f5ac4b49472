using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class MandateAuthorizationTests
{
    private const string Path = "directdebit/mandate-authorizations";
    private const string Fields = "id status mandate_id authorization_id authorization_code integration_id account_number bank_code bank_name customer authorized_at";

    private static Task<SandboxServer> StartAsync(int mandates) =>
        SandboxServer.StartAsync(new SandboxOptions { Records = { [Path] = mandates } });

    private static List<string> IdsWithStatus(SandboxServer server, string status) =>
        server.Store.Ids(Path).Where(id => JsonNode.Parse(server.Store.Get(Path, id)!)!["status"]!.GetValue<string>() == status).ToList();

    [Fact]
    public async Task Mandates_carry_the_spec_fields_and_count_meta()
    {
        await using var server = await StartAsync(80);
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync(Path);

        Assert.Equal("Mandate authorizations retrieved successfully", body["message"]!.GetValue<string>());
        Assert.Equal(["per_page", "next", "count", "total"], body.Meta().Select(p => p.Key));
        Assert.Equal(50, body.Meta()["per_page"].Long());
        Assert.Equal(50, body.Meta()["count"].Long());
        Assert.Equal(80, body.Meta()["total"].Long());
        foreach (var record in body.Data().Select(r => r!.AsObject()))
        {
            Assert.Equal(Fields.Split(' ').Order(), record.Select(p => p.Key).Order());
            Assert.Equal("id customer_code email first_name last_name".Split(' ').Order(), record["customer"]!.AsObject().Select(p => p.Key).Order());
            Assert.True(record["id"].Long() > int.MaxValue);
            Assert.Contains(record["status"]!.GetValue<string>(), new[] { "pending", "active", "revoked" });
            Assert.StartsWith("AUTH_", record["authorization_code"]!.GetValue<string>());
            Assert.NotNull(server.Store.Get("customer", record["customer"]!["id"]!.ToString()));
            Assert.True(record["authorized_at"].Time() >= server.Options.DataStart);
        }
    }

    [Fact]
    public async Task Cursor_walks_every_mandate_exactly_once_with_count_and_total()
    {
        await using var server = await StartAsync(100);
        using var client = new SandboxClient(server);

        var (ids, pages) = await PageWalk.ByCursorAsync(client, Path + "?per_page=23", tokenParameter: "cursor");

        Assert.Equal(5, pages.Count);
        Assert.Equal(server.Store.Ids(Path), ids);
        Assert.All(pages, p => Assert.Equal(p.Data().Count, p.Meta()["count"].Long()));
        Assert.All(pages, p => Assert.Equal(100, p.Meta()["total"].Long()));
        Assert.All(pages, p => Assert.Equal(23, p.Meta()["per_page"].Long()));
        Assert.Equal(8, pages[^1].Meta()["count"].Long());
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("pending")]
    [InlineData("active")]
    public async Task Status_filters_the_walk_and_the_total(string status)
    {
        await using var server = await StartAsync(150);
        using var client = new SandboxClient(server);
        var expected = IdsWithStatus(server, status);

        var (ids, pages) = await PageWalk.ByCursorAsync(client, $"{Path}?per_page=7&status={status}", tokenParameter: "cursor");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
        Assert.All(pages, p => Assert.Equal(expected.Count, p.Meta()["total"].Long()));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.Meta()["count"].Long()));
    }

    [Fact]
    public async Task Status_changes_and_added_mandates_are_filtered_too()
    {
        await using var server = await StartAsync(60);
        using var client = new SandboxClient(server);
        var active = IdsWithStatus(server, "active");
        server.Store.Update(Path, active[0], "status", "revoked");
        var added = server.Store.Add(Path);
        var addedStatus = JsonNode.Parse(server.Store.Get(Path, added)!)!["status"]!.GetValue<string>();

        var revoked = await PageWalk.ByCursorAsync(client, $"{Path}?per_page=100&status=revoked", tokenParameter: "cursor");

        Assert.Contains(active[0], revoked.Ids);
        Assert.Equal(addedStatus == "revoked", revoked.Ids.Contains(added));
        Assert.Equal(IdsWithStatus(server, "revoked"), revoked.Ids);
        Assert.Equal(revoked.Ids.Count, revoked.Pages[0].Meta()["total"].Long());
    }

    [Fact]
    public async Task Only_per_page_sets_the_size()
    {
        await using var server = await StartAsync(120);
        using var client = new SandboxClient(server);

        var camel = await client.GetOkAsync(Path + "?perPage=10");
        var snake = await client.GetOkAsync(Path + "?per_page=10");

        Assert.Equal(50, camel.Meta()["count"].Long());
        Assert.Equal(50, camel.Meta()["per_page"].Long());
        Assert.Equal(10, snake.Data().Count);
    }

    [Theory]
    [InlineData("cursor=not-base64!")]
    [InlineData("cursor=Y3VzdG9tZXI6MQ==")] // customer:1, no such mandate
    [InlineData("status=expired")]
    [InlineData("per_page=abc")]
    public async Task A_bad_cursor_status_or_size_is_a_400(string query)
    {
        await using var server = await StartAsync(10);
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync($"{Path}?{query}");

        Assert.Equal(400, (int)reply.Status);
        Assert.Equal("validation_error", reply.Json["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mandates_added_during_a_walk_neither_repeat_nor_hide_rows()
    {
        await using var server = await StartAsync(70);
        using var client = new SandboxClient(server);
        var before = server.Store.Ids(Path);
        server.Faults.NewRecordsPerRequest = 3;

        var (ids, _) = await PageWalk.ByCursorAsync(client, Path + "?per_page=20", tokenParameter: "cursor");

        Assert.Equal(before, ids.Where(before.Contains));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
