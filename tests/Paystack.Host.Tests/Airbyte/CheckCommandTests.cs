using System.Net;
using System.Net.Sockets;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Airbyte;

public sealed class CheckCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempFiles _files = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 3 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private async Task<(CliResult Result, string Status, string? Message)> CheckAsync(string configPath)
    {
        var result = await CliRunner.RunAsync("check", "--config", configPath);
        ProtocolSchema.AssertAllValid(result);
        Assert.Equal(0, result.ExitCode); // check always exits 0; the status says how it went
        var status = result.Single("CONNECTION_STATUS").GetProperty("connectionStatus");
        Assert.Single(result.WithoutLogs);
        var message = status.TryGetProperty("message", out var m) ? m.GetString() : null;
        return (result, status.GetProperty("status").GetString()!, message);
    }

    [Fact]
    public async Task Succeeds_with_the_right_key()
    {
        var key = _sandbox.Options.TestKey;

        var (result, status, message) = await CheckAsync(_files.Config(key, baseUrl: _sandbox.BaseUrl.ToString()));

        Assert.True(status == "SUCCEEDED", $"{message}\n{result}");
        var request = Assert.Single(_sandbox.Requests.Entries);
        Assert.Equal("customer", request.Path);
        Assert.Contains("perPage=1", request.QueryString);
        Assert.Equal(200, request.StatusCode);
        Assert.DoesNotContain(key, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Succeeds_when_the_account_has_no_records()
    {
        await using var empty = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 0 });

        var (result, status, message) = await CheckAsync(_files.Config(empty.Options.TestKey, baseUrl: empty.BaseUrl.ToString()));

        Assert.True(status == "SUCCEEDED", $"{message}\n{result}");
        Assert.Equal(1, empty.Requests.Count("customer", 200));
    }

    [Fact]
    public async Task Fails_when_paystack_rejects_the_key()
    {
        const string wrongKey = "sk_live_123wrongkey";

        var (result, status, message) = await CheckAsync(_files.Config(wrongKey, baseUrl: _sandbox.BaseUrl.ToString()));

        Assert.Equal("FAILED", status);
        Assert.Contains("Paystack rejected the secret key (HTTP 401)", message);
        Assert.Equal(1, _sandbox.Requests.Count("customer", 401)); // a rejected key is not retried
        Assert.DoesNotContain(wrongKey, result.Stdout + result.Stderr);
        Assert.DoesNotContain("123wrongkey", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Fails_when_the_host_cannot_be_reached()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var (result, status, message) = await CheckAsync(_files.Config(_sandbox.Options.TestKey, baseUrl: $"http://127.0.0.1:{port}/"));

        Assert.Equal("FAILED", status);
        Assert.Contains($"Could not reach Paystack at http://127.0.0.1:{port}/", message);
        Assert.DoesNotContain(_sandbox.Options.TestKey, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Fails_when_the_server_does_not_answer_with_paystack_json()
    {
        await using var broken = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 1,
            Faults = new SandboxFaults { HtmlErrorRate = 1.0 },
        });

        var (result, status, message) = await CheckAsync(_files.Config(broken.Options.TestKey, baseUrl: broken.BaseUrl.ToString()));

        Assert.Equal("FAILED", status);
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain(broken.Options.TestKey, result.Stdout + result.Stderr);
    }

    public static TheoryData<string, string, string> BadConfigs => new()
    {
        { "missing file", "", "does not exist" },
        { "not json", "{\"secret_key\": ", "is not valid JSON" },
        { "key fails the pattern", """{"secret_key": "sk_test_check-0001", "start_date": "2020-01-01T00:00:00Z"}""", "secret_key does not look like a Paystack secret key" },
        { "bad start date", """{"secret_key": "sk_test_check0001", "start_date": "2020-02-30T00:00:00Z"}""", "start_date '2020-02-30T00:00:00Z' is not a real date and time" },
        { "start date before Paystack", """{"secret_key": "sk_test_check0001", "start_date": "0001-01-01T00:00:00Z"}""", "start_date 0001-01-01T00:00:00Z is before Paystack existed" },
        { "start date in the future", """{"secret_key": "sk_test_check0001", "start_date": "2999-01-01T00:00:00Z"}""", "start_date 2999-01-01T00:00:00Z is in the future" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Reports_an_invalid_config_as_a_failed_status(string name, string content, string expected)
    {
        var path = name == "missing file" ? Path.Combine(_files.Folder, "absent.json") : _files.Write("config.json", content);

        var (result, status, message) = await CheckAsync(path);

        Assert.Equal("FAILED", status);
        Assert.Contains(expected, message);
        Assert.Empty(_sandbox.Requests.Entries);
        Assert.DoesNotContain("check0001", result.Stdout + result.Stderr);
        Assert.DoesNotContain("check-0001", result.Stdout + result.Stderr);
    }
}
