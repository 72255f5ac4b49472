using System.Net.Http.Headers;

namespace Paystack.Sandbox.Tests;

public class AuthTests
{
    [Fact]
    public async Task Missing_header_is_401_with_paystacks_message()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server, key: "");

        var reply = await client.GetAsync("transaction");

        Assert.Equal(401, (int)reply.Status);
        Assert.Equal("""{"status":false,"message":"No Authorization Header was found"}""", reply.Text);
    }

    [Fact]
    public async Task Malformed_header_is_401_with_the_format_hint()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server, key: "");
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Options.TestKey);

        var reply = await client.GetAsync("customer");

        Assert.Equal(401, (int)reply.Status);
        Assert.Equal("""{"status":false,"message":"Format is Authorization Bearer [secret key]"}""", reply.Text);
    }

    [Fact]
    public async Task Unknown_key_is_401_invalid_key()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server, key: "sk_test_wrong");

        var reply = await client.GetAsync("customer");

        Assert.Equal(401, (int)reply.Status);
        Assert.Equal("""{"status":false,"message":"Invalid key"}""", reply.Text);
        Assert.Equal(1, server.Requests.Count("customer", 401));
        Assert.Null(server.Requests.Entries.Single().Domain);
    }

    [Fact]
    public async Task The_key_picks_the_domain_of_the_records()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var test = new SandboxClient(server, server.Options.TestKey);
        using var live = new SandboxClient(server, server.Options.LiveKey);

        Assert.All((await test.GetOkAsync("settlement")).Data(), r => Assert.Equal("test", r!["domain"]!.GetValue<string>()));
        Assert.All((await live.GetOkAsync("settlement")).Data(), r => Assert.Equal("live", r!["domain"]!.GetValue<string>()));
        Assert.Equal(new[] { "test", "live" }, server.Requests.Entries.Select(e => e.Domain ?? "").ToArray());
    }
}
