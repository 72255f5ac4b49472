using System.Net;
using System.Text.Json;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>The admin endpoint describes itself in an OpenAPI document, and readiness covers the destination.</summary>
[Collection(ServeCollection.Name)]
public sealed class AdminDescriptionTests
{
    [Fact]
    public async Task The_openapi_document_describes_every_admin_route_and_the_health_probes()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(environment.Options(runAtStart: false), new LockedStringWriter());
        using var anonymous = ServeEnvironment.Client(host.Addresses[0], token: null);

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));

        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        var paths = root.GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/admin/status", "get"), ("/admin/actors", "get"), ("/admin/logs", "get"), ("/admin/trigger", "post"),
                     ("/admin/streams/{name}/pause", "post"), ("/admin/streams/{name}/resume", "post"),
                     ("/healthz/live", "get"), ("/healthz/ready", "get"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not described");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} is not described");
        }
        var schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("Status", out var status), "no schema for the status");
        Assert.True(status.GetProperty("properties").TryGetProperty("streams", out _));
    }

    [Fact]
    public async Task Readiness_turns_red_naming_the_destination_when_its_folder_is_replaced_by_a_file()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var folder = Path.Combine(environment.Folder, "destination");
        var options = ServeCommandLine.Parse(
        [
            "--config", environment.ConfigPath, "--hocon", environment.HoconPath, "--destination", $"sqlite:{Path.Combine(folder, "out.db")}",
            "--every", "1h", "--admin-urls", "http://127.0.0.1:0", "--no-run-at-start",
        ]);
        await using var host = await ServeHost.StartAsync(options, new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0], token: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/ready")).StatusCode);

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        await File.WriteAllTextAsync(folder, "not a folder");
        using var ready = await client.GetAsync("healthz/ready");
        using var live = await client.GetAsync("healthz/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("not ready", body.RootElement.GetProperty("status").GetString());
        var problem = Assert.Single(body.RootElement.GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("is a file, not a folder", problem);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode); // waiting helps, restarting would not: liveness stays green

        // The verb the Docker image's HEALTHCHECK runs says the same, with exit codes.
        var verb = new Dictionary<string, string?> { ["PAYSTACK_SYNC_ADMIN_URL"] = host.Addresses[0].ToString() };
        var notReady = await CliRunner.RunAsync(["health"], verb);
        Assert.True(notReady.ExitCode == 1, notReady.ToString());
        Assert.Contains("is a file, not a folder", notReady.Stdout);
        var stillLive = await CliRunner.RunAsync(["health", "--live", "--json"], verb);
        Assert.True(stillLive.ExitCode == 0, stillLive.ToString());
        Assert.Equal("live", JsonDocument.Parse(stillLive.Stdout).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_turns_red_naming_a_postgres_destination_that_does_not_answer()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var closedPort = ServeEnvironment.FreePort();
        var options = ServeCommandLine.Parse(
        [
            "--config", environment.ConfigPath, "--hocon", environment.HoconPath,
            "--destination", $"postgres:Host=127.0.0.1;Port={closedPort};Username=paystack_sync;Database=paystack;Timeout=3",
            "--every", "1h", "--admin-urls", "http://127.0.0.1:0", "--no-run-at-start",
        ]);
        await using var host = await ServeHost.StartAsync(options, new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0], token: null);

        using var ready = await client.GetAsync("healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var problem = Assert.Single(body.RootElement.GetProperty("problems").EnumerateArray()).GetString();
        Assert.StartsWith("the destination (postgres) does not answer", problem);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/live")).StatusCode);
    }
}
