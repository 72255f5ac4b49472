using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Read;

/// <summary>Input <c>read</c> cannot use: one config_error trace naming the problem, a non-zero exit, no request made.</summary>
public sealed class ReadInputErrorTests() : SandboxedReadTests(new SandboxOptions { RecordsPerStream = 5, TestRateLimit = 100_000 })
{
    private string GoodConfig => Files.Config(Key, Sandbox.BaseUrl);

    private string GoodCatalog => Files.Catalog(("customers", "incremental"));

    /// <summary>Runs read and returns the message of its single config_error trace.</summary>
    private async Task<string> ConfigErrorAsync(params string[] args)
    {
        var result = await ReadCli.RunAsync(args);
        ProtocolSchema.AssertAllValid(result);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stderr);
        var trace = result.Single("TRACE").GetProperty("trace");
        Assert.Single(result.WithoutLogs); // nothing else but its LOG line written
        Assert.Equal("ERROR", trace.GetProperty("type").GetString());
        Assert.Equal("config_error", trace.GetProperty("error").GetProperty("failure_type").GetString());
        Assert.Equal(0, Sandbox.Requests.Count());
        Assert.DoesNotContain(Key, result.Stdout + result.Stderr);
        return trace.GetProperty("error").GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task Missing_config_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-config-{Guid.NewGuid():N}.json");
        var message = await ConfigErrorAsync("--config", missing, "--catalog", GoodCatalog);
        Assert.Contains($"Config file '{missing}' does not exist", message);
    }

    [Fact]
    public async Task Log_level_that_is_not_one()
    {
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", GoodCatalog, "--log-level", "loud");
        Assert.Contains("--log-level", message);
        Assert.Contains("'loud'", message);
    }

    [Fact]
    public async Task No_config_option()
    {
        var message = await ConfigErrorAsync("--catalog", GoodCatalog);
        Assert.Contains("--config", message);
    }

    [Fact]
    public async Task Config_that_is_not_json()
    {
        var config = Files.Write("config.json", """{"secret_key": "sk_testSandbox", "start_date": """);
        var message = await ConfigErrorAsync("--config", config, "--catalog", GoodCatalog);
        Assert.Contains("is not valid JSON", message);
    }

    [Fact]
    public async Task Key_that_fails_the_pattern()
    {
        var config = Files.Write("config.json", """{"secret_key": "pk_test_abc123", "start_date": "2023-01-01T00:00:00Z"}""");
        var message = await ConfigErrorAsync("--config", config, "--catalog", GoodCatalog);
        Assert.Contains("does not look like a Paystack secret key", message);
        Assert.DoesNotContain("pk_test_abc123", message);
    }

    [Fact]
    public async Task Unknown_stream_in_the_catalog()
    {
        var catalog = Files.Catalog(("customers", "incremental"), ("payouts", "full_refresh"));
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", catalog);
        Assert.Contains("unknown stream 'payouts'", message);
    }

    [Fact]
    public async Task Missing_catalog_file()
    {
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", Path.Combine(Path.GetTempPath(), "no-such-catalog.json"));
        Assert.Contains("does not exist", message);
    }

    [Fact]
    public async Task State_with_a_cursor_that_is_not_a_date()
    {
        var state = Files.Write("state.json", """
            [{"type": "STREAM", "stream": {"stream_descriptor": {"name": "customers"}, "stream_state": {"createdAt": "yesterday"}}}]
            """);
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", GoodCatalog, "--state", state);
        Assert.Contains("'yesterday'", message);
        Assert.Contains("customers", message);
    }

    [Fact]
    public async Task State_that_is_not_json()
    {
        var state = Files.Write("state.json", "[{\"type\": \"STREAM\",");
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", GoodCatalog, "--state", state);
        Assert.Contains("State file", message);
        Assert.Contains("is not valid JSON", message);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "start_date 0001-01-01T00:00:00Z is before Paystack existed")]
    [InlineData("2999-01-01T00:00:00Z", "start_date 2999-01-01T00:00:00Z is in the future")]
    public async Task Start_date_outside_paystacks_lifetime(string startDate, string expected)
    {
        var message = await ConfigErrorAsync("--config", Files.Config(Key, Sandbox.BaseUrl, startDate), "--catalog", GoodCatalog);
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task Engine_settings_with_an_unclosed_brace()
    {
        var hocon = Files.Write("unclosed.conf", "paystack-sync.engine {\n  page-size = 50\n");
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", GoodCatalog, "--hocon", hocon);
        Assert.Contains($"file {hocon} is not valid HOCON: '{{' at line 1, column 22 is never closed", message);
    }

    [Fact]
    public async Task Engine_settings_that_are_not_valid()
    {
        var hocon = Files.Write("bad.conf", "paystack-sync.engine.page-size = 0");
        var message = await ConfigErrorAsync("--config", GoodConfig, "--catalog", GoodCatalog, "--hocon", hocon);
        Assert.Contains("paystack-sync.engine.page-size", message);
    }
}
