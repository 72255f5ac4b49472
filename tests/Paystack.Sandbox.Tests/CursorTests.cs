using System.Text;

namespace Paystack.Sandbox.Tests;

public class CursorTests
{
    [Theory]
    [InlineData("customer")]
    [InlineData("transaction")]
    [InlineData("transfer")]
    [InlineData("bank")]
    [InlineData("transferrecipient")]
    public async Task Cursor_paging_walks_to_the_end(string path)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { [path] = 250 } });
        using var client = new SandboxClient(server);

        var served = new List<string>();
        var body = await client.GetOkAsync($"{path}?use_cursor=true&perPage=37");
        Assert.Null(body.Meta()["previous"]);
        Assert.Null(body.Meta()["total"]);
        var pages = 1;
        while (true)
        {
            served.AddRange(body.Ids());
            Assert.Equal(37, body.Meta()["perPage"].Long());
            var next = body.Meta()["next"]?.GetValue<string>();
            if (next is null) break;
            Assert.StartsWith(path + ":", Encoding.UTF8.GetString(Convert.FromBase64String(next)));
            body = await client.GetOkAsync($"{path}?use_cursor=true&perPage=37&next={Uri.EscapeDataString(next)}");
            pages++;
        }

        Assert.Equal(7, pages);
        Assert.Equal(server.Store.Ids(path), served);
    }

    [Theory]
    [InlineData("transaction?use_cursor=true&perPage=20")]
    [InlineData("terminal?per_page=20")]
    public async Task Previous_goes_back_one_page(string firstPage)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var first = await client.GetOkAsync(firstPage);
        var second = await client.GetOkAsync($"{firstPage}&next={Uri.EscapeDataString(first.Meta()["next"]!.GetValue<string>())}");
        var back = await client.GetOkAsync($"{firstPage}&previous={Uri.EscapeDataString(second.Meta()["previous"]!.GetValue<string>())}");

        Assert.Equal(first.Ids(), back.Ids());
    }

    [Fact]
    public async Task Records_created_during_a_cursor_walk_neither_repeat_nor_hide_rows()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transfer"] = 120 } });
        using var client = new SandboxClient(server);
        var before = server.Store.Ids("transfer");

        var served = new List<string>();
        string? next = null;
        do
        {
            var body = await client.GetOkAsync("transfer?use_cursor=true&perPage=25" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            served.AddRange(body.Ids());
            next = body.Meta()["next"]?.GetValue<string>();
            server.Store.Add("transfer");
        } while (next is not null);

        Assert.Equal(before, served);
    }

    [Fact]
    public async Task Cursor_paging_respects_from_and_to()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["customer"] = 2000 } });
        using var client = new SandboxClient(server);
        var from = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);

        var served = new List<string>();
        var query = $"customer?use_cursor=true&perPage=30&from={from.Iso()}&to={to.Iso()}";
        var body = await client.GetOkAsync(query);
        while (true)
        {
            served.AddRange(body.Ids());
            var next = body.Meta()["next"]?.GetValue<string>();
            if (next is null) break;
            body = await client.GetOkAsync(query + "&next=" + Uri.EscapeDataString(next));
        }

        Assert.Equal(server.Store.Ids("customer", from, to), served);
    }

    [Fact]
    public async Task A_garbage_cursor_is_a_400()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync("transaction?use_cursor=true&next=not-base64!");

        Assert.Equal(400, (int)reply.Status);
        Assert.Equal("validation_error", reply.Json["type"]!.GetValue<string>());
    }
}
