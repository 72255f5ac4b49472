using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

public class EnvelopeTests
{
    [Fact]
    public async Task First_page_has_the_envelope_and_meta_arithmetic()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["dispute"] = 123 } });
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("dispute");

        Assert.True(body["status"]!.GetValue<bool>());
        Assert.Equal("Disputes retrieved", body["message"]!.GetValue<string>());
        Assert.Equal(50, body.Data().Count);
        var meta = body.Meta();
        Assert.Equal(123, meta["total"].Long());
        Assert.Equal(0, meta["skipped"].Long());
        Assert.Equal(50, meta["perPage"].Long());
        Assert.Equal(1, meta["page"].Long());
        Assert.Equal(3, meta["pageCount"].Long());
    }

    [Fact]
    public async Task Last_partial_page_and_page_past_the_end()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["settlement"] = 123 } });
        using var client = new SandboxClient(server);

        var last = await client.GetOkAsync("settlement?page=3&perPage=50");
        Assert.Equal(23, last.Data().Count);
        Assert.Equal(100, last.Meta()["skipped"].Long());

        var beyond = await client.GetOkAsync("settlement?page=4&perPage=50");
        Assert.Empty(beyond.Data());
        Assert.Equal(123, beyond.Meta()["total"].Long());
        Assert.Equal(3, beyond.Meta()["pageCount"].Long());
    }

    [Fact]
    public async Task Empty_result_has_zero_page_count()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("customer?from=2030-01-01&to=2030-02-01");

        Assert.Empty(body.Data());
        Assert.Equal(0, body.Meta()["total"].Long());
        Assert.Equal(0, body.Meta()["pageCount"].Long());
    }

    [Fact]
    public async Task Page_size_defaults_to_50_and_is_clamped_to_the_maximum()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 300, MaxPageSize = 120 });
        using var client = new SandboxClient(server);

        Assert.Equal(50, (await client.GetOkAsync("subscription")).Data().Count);
        var clamped = await client.GetOkAsync("subscription?perPage=500");
        Assert.Equal(120, clamped.Data().Count);
        Assert.Equal(120, clamped.Meta()["perPage"].Long());
        Assert.Equal(3, clamped.Meta()["pageCount"].Long());
    }

    [Fact]
    public async Task An_oversized_page_can_be_clamped_with_the_size_asked_echoed_or_refused()
    {
        await using var hidden = await SandboxServer.StartAsync(
            new SandboxOptions { RecordsPerStream = 300, MaxPageSize = 120, OversizedPage = OversizedPage.ClampHidden });
        await using var refusing = await SandboxServer.StartAsync(
            new SandboxOptions { RecordsPerStream = 300, MaxPageSize = 120, OversizedPage = OversizedPage.Refuse });
        using var hiddenClient = new SandboxClient(hidden);
        using var refusingClient = new SandboxClient(refusing);

        var clamped = await hiddenClient.GetOkAsync("subscription?perPage=500");
        Assert.Equal(120, clamped.Data().Count);
        Assert.Equal(500, clamped.Meta()["perPage"].Long());
        Assert.Equal(3, clamped.Meta()["pageCount"].Long());
        var refused = await refusingClient.GetAsync("subscription?perPage=121");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("perPage must be at most 120", refused.Text);
        Assert.Equal(120, (await refusingClient.GetOkAsync("subscription?perPage=120")).Data().Count);
    }

    [Fact]
    public async Task Per_page_with_underscore_is_accepted()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("transfer?per_page=7");

        Assert.Equal(7, body.Data().Count);
        Assert.Equal(7, body.Meta()["perPage"].Long());
    }

    [Fact]
    public async Task Per_page_is_a_string_on_refund_and_paymentrequest_and_a_number_elsewhere()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        foreach (var path in new[] { "refund", "paymentrequest" })
        {
            var meta = (await client.GetOkAsync($"{path}?perPage=20")).Meta();
            Assert.Equal(JsonValueKind.String, meta["perPage"]!.GetValueKind());
            Assert.Equal("20", meta["perPage"]!.GetValue<string>());
        }
        foreach (var path in new[] { "customer", "dispute", "settlement", "subscription", "transaction", "transfer" })
            Assert.Equal(JsonValueKind.Number, (await client.GetOkAsync($"{path}?perPage=20")).Meta()["perPage"]!.GetValueKind());
    }

    [Fact]
    public async Task Transaction_total_volume_is_the_sum_of_matching_amounts()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transaction"] = 180 } });
        using var client = new SandboxClient(server);

        long sum = 0;
        long? volume = null;
        for (var page = 1; page <= 2; page++)
        {
            var body = await client.GetOkAsync($"transaction?perPage=100&page={page}");
            sum += body.Data().Sum(r => r!["amount"].Long());
            volume ??= body.Meta()["total_volume"].Long();
        }
        Assert.Equal(sum, volume);

        // A window that starts and ends inside busy days exercises the per-day sums.
        var ids = server.Store.Ids("transaction");
        var to = server.Store.CreatedAt("transaction", ids[20]);
        var from = server.Store.CreatedAt("transaction", ids[90]);
        var window = await client.GetOkAsync($"transaction?perPage=100&from={from.Iso()}&to={to.Iso()}");
        Assert.True(window.Meta()["total"].Long() <= 100);
        Assert.Equal(window.Data().Sum(r => r!["amount"].Long()), window.Meta()["total_volume"].Long());
        Assert.Equal(JsonValueKind.Number, window.Meta()["total_volume"]!.GetValueKind());
    }

    [Fact]
    public async Task Unknown_path_is_404_and_bad_parameters_are_400_with_a_validation_body()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = new SandboxClient(server);

        var missing = await client.GetAsync("invoice");
        Assert.Equal(404, (int)missing.Status);
        Assert.Equal("""{"status":false,"message":"Entity not found"}""", missing.Text);

        foreach (var bad in new[] { "transaction?from=yesterday", "customer?to=2023-13-45", "refund?page=two", "dispute?perPage=abc" })
        {
            var reply = await client.GetAsync(bad);
            Assert.Equal(400, (int)reply.Status);
            var json = reply.Json;
            Assert.False(json["status"]!.GetValue<bool>());
            Assert.Equal("validation_error", json["type"]!.GetValue<string>());
            Assert.Equal("invalid_params", json["code"]!.GetValue<string>());
            Assert.NotNull(json["meta"]!["nextStep"]);
            Assert.Contains(bad.Split('=')[1], json["message"]!.GetValue<string>());
        }
    }
}
