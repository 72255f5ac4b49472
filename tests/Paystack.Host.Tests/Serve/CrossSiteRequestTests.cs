using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// A web page open in a browser on the machine can reach the loopback admin endpoint; its state-changing requests
/// (marked by an Origin header, or by a form's content type) are refused unless they carry the admin token.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class CrossSiteRequestTests
{
    private const string Attacker = "https://attacker.example";

    private static HttpRequestMessage Post(string path, string? origin = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    private static StringContent Json() => new("{}", Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form() => new([KeyValuePair.Create("run", "now")]);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_running_serve_refuses_posts_from_a_web_page_and_still_takes_them_from_its_cli()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var port = ServeEnvironment.FreePort();
        await using var serve = RunningCli.Start(
            environment.ServeArguments(port, "--no-run-at-start", "--streams", "customers"),
            new Dictionary<string, string?> { ["PAYSTACK_SYNC_ADMIN_TOKEN"] = null });
        using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"), token: null);
        await ServeEnvironment.WaitForAsync(client, _ => true);

        await AssertRefusedAsync(await client.SendAsync(Post("admin/trigger", Attacker, Json())), $"Origin: {Attacker}");
        await AssertRefusedAsync(await client.SendAsync(Post("admin/trigger", Attacker)), $"Origin: {Attacker}");
        await AssertRefusedAsync(await client.SendAsync(Post("admin/trigger", content: Form())), "application/x-www-form-urlencoded");
        await AssertRefusedAsync(await client.SendAsync(Post("admin/streams/customers/pause", Attacker, Json())), $"Origin: {Attacker}");

        // Reads are unchanged, Origin or not; and nothing was started or paused.
        using var read = new HttpRequestMessage(HttpMethod.Get, "admin/status");
        read.Headers.Add("Origin", Attacker);
        var status = await (await client.SendAsync(read)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, status.GetProperty("currentRun").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastRun").ValueKind);
        Assert.Empty(status.GetProperty("pausedStreams").EnumerateArray());
        Assert.Equal(0, environment.Sandbox.Requests.Count());

        var trigger = await client.SendAsync(Post("admin/trigger", content: Json()));
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("customers"));
    }

    [Fact]
    public async Task A_post_from_a_web_page_with_the_admin_token_is_taken()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(environment.Options(runAtStart: false, streams: "customers"), new LockedStringWriter());
        using var withToken = ServeEnvironment.Client(host.Addresses[0]);
        using var withoutToken = ServeEnvironment.Client(host.Addresses[0], token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await withoutToken.SendAsync(Post("admin/streams/customers/pause", Attacker, Json()))).StatusCode);
        var paused = await withToken.SendAsync(Post("admin/streams/customers/pause", Attacker, Form()));

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(["customers"], (await ServeEnvironment.StatusAsync(withToken)).PausedStreams);
    }
}
