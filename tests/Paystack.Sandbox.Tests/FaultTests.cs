using System.Diagnostics;
using System.Text.Json;

namespace Paystack.Sandbox.Tests;

public class FaultTests
{
    [Fact]
    public async Task Server_errors_are_5xx_with_paystacks_error_shape()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { ServerErrorRate = 1, Seed = 7 } });
        using var client = new SandboxClient(server);

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync("transaction")));

        Assert.All(replies, r =>
        {
            Assert.Contains((int)r.Status, new[] { 500, 502, 503 });
            Assert.Equal("application/json", r.MediaType);
            Assert.False(r.Json["status"]!.GetValue<bool>());
            Assert.Equal("api_error", r.Json["type"]!.GetValue<string>());
            Assert.NotNull(r.Json["meta"]!["nextStep"]);
        });
        Assert.True(replies.Select(r => r.Status).Distinct().Count() > 1, "expected a mix of 500/502/503");
    }

    [Fact]
    public async Task Schema_drift_serves_records_since_its_time_with_a_new_field_and_a_number_as_a_string()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 40 });
        using var client = new SandboxClient(server);
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        server.Options.Faults.Drift = new SchemaDrift("transaction", since, AddedField: "risk_score", MistypedField: "amount");

        var records = (await client.GetOkAsync("transaction?perPage=100"))["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var drifted = records.Where(r => DateTimeOffset.Parse(r["createdAt"]!.GetValue<string>()) >= since).ToList();
        var earlier = records.Except(drifted).ToList();

        Assert.NotEmpty(drifted);
        Assert.NotEmpty(earlier);
        Assert.All(drifted, r =>
        {
            Assert.Equal(r["id"]!.GetValue<long>() % 1000, r["risk_score"]!.GetValue<long>());
            Assert.Equal(JsonValueKind.String, r["amount"]!.GetValueKind());
            Assert.True(long.TryParse(r["amount"]!.GetValue<string>(), out _));
        });
        Assert.All(earlier, r =>
        {
            Assert.False(r.ContainsKey("risk_score"));
            Assert.Equal(JsonValueKind.Number, r["amount"]!.GetValueKind());
        });
        Assert.All((await client.GetOkAsync("customer?perPage=100"))["data"]!.AsArray(), r => Assert.False(r!.AsObject().ContainsKey("risk_score")));
    }

    [Fact]
    public async Task Rejected_cursors_refuse_that_many_token_requests_and_no_first_pages()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { RejectedCursors = 2 } });
        using var client = new SandboxClient(server);
        var next = (await client.GetOkAsync("terminal?per_page=5")).Meta()["next"]!.GetValue<string>();
        var withToken = $"terminal?per_page=5&next={Uri.EscapeDataString(next)}";

        var refused = await Task.WhenAll(client.GetAsync(withToken), client.GetAsync(withToken));
        var served = await client.GetAsync(withToken);

        Assert.All(refused, r => Assert.Equal(400, (int)r.Status));
        Assert.Equal("Invalid cursor", refused[0].Json["message"]!.GetValue<string>());
        Assert.Equal(200, (int)served.Status);
        Assert.Equal(0, server.Options.Faults.RejectedCursors);
    }

    [Fact]
    public async Task Resets_abort_the_connection()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { ResetRate = 1 } });
        using var client = new SandboxClient(server);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("customer"));
        Assert.Equal(1, server.Requests.Count("customer", status: 0));
    }

    [Fact]
    public async Task Truncated_bodies_are_200_with_half_a_json_document()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { TruncatedRate = 1 } });
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync("refund");

        Assert.Equal(200, (int)reply.Status);
        Assert.StartsWith("""{"status":true""", reply.Text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply.Text));
    }

    [Fact]
    public async Task Html_errors_look_like_a_proxy_page()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { HtmlErrorRate = 1 } });
        using var client = new SandboxClient(server);

        var reply = await client.GetAsync("subscription");

        Assert.Equal(502, (int)reply.Status);
        Assert.Equal("text/html", reply.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", reply.Text);
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Faults = { Latency = TimeSpan.FromMilliseconds(150), LatencyJitter = TimeSpan.FromMilliseconds(50) },
        });
        using var client = new SandboxClient(server);

        var watch = Stopwatch.StartNew();
        await client.GetOkAsync("dispute");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Faults_can_be_switched_on_and_off_while_running()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        Assert.Equal(200, (int)(await client.GetAsync("transfer")).Status);
        server.Faults.ServerErrorRate = 1;
        Assert.True((int)(await client.GetAsync("transfer")).Status >= 500);
        server.Faults.Clear();
        Assert.Equal(200, (int)(await client.GetAsync("transfer")).Status);
    }

    [Fact]
    public async Task Partial_rates_follow_the_seed()
    {
        async Task<string> Pattern(int seed)
        {
            await using var server = await SandboxServer.StartAsync(new SandboxOptions
            {
                RecordsPerStream = 5, Faults = { ServerErrorRate = 0.3, HtmlErrorRate = 0.2, Seed = seed },
            });
            using var client = new SandboxClient(server);
            var codes = new List<int>();
            for (var i = 0; i < 40; i++) codes.Add((int)(await client.GetAsync("settlement")).Status);
            return string.Join(",", codes);
        }

        var first = await Pattern(11);
        Assert.Equal(first, await Pattern(11));
        Assert.NotEqual(first, await Pattern(12));
        var ok = first.Split(',').Count(c => c == "200");
        Assert.InRange(ok, 10, 32);
    }

    [Fact]
    public async Task New_records_arrive_with_every_list_request()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Faults = { NewRecordsPerRequest = 3 } });
        using var client = new SandboxClient(server);

        var first = await client.GetOkAsync("transaction?perPage=5");
        var second = await client.GetOkAsync("transaction?perPage=5");

        Assert.Equal(203, first.Meta()["total"].Long());
        Assert.Equal(206, second.Meta()["total"].Long());
        Assert.Equal(206, server.Store.Count("transaction"));
        // The newest records come first and are created "now".
        Assert.True(second.Data()[0]!["createdAt"].Time() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(first.Ids()[0..2], second.Ids()[3..5]);
    }
}
