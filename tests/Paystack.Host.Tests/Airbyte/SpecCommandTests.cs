using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;

namespace Paystack.Host.Tests.Airbyte;

public sealed class SpecCommandTests
{
    [Fact]
    public async Task Prints_one_valid_spec_message()
    {
        var result = await CliRunner.RunAsync("spec");

        Assert.Equal(0, result.ExitCode);
        ProtocolSchema.AssertAllValid(result);
        var spec = result.Single("SPEC").GetProperty("spec");
        Assert.Single(result.StdoutLines);
        Assert.Equal("https://github.com/paystack-actors/paystack-actors/blob/main/docs/airbyte.md", spec.GetProperty("documentationUrl").GetString());

        var connection = spec.GetProperty("connectionSpecification");
        Assert.Equal("http://json-schema.org/draft-07/schema#", connection.GetProperty("$schema").GetString());
        Assert.Equal(["secret_key", "start_date"], connection.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        var properties = connection.GetProperty("properties");
        var key = properties.GetProperty("secret_key");
        Assert.True(key.GetProperty("airbyte_secret").GetBoolean());
        Assert.Equal("^(s|r)k_(live|test)_[a-zA-Z0-9]+$", key.GetProperty("pattern").GetString());
        var start = properties.GetProperty("start_date");
        Assert.Equal("date-time", start.GetProperty("format").GetString());
        Assert.Equal("2017-01-25T00:00:00Z", start.GetProperty("examples")[0].GetString());
        var lookback = properties.GetProperty("lookback_window_days");
        Assert.Equal("integer", lookback.GetProperty("type").GetString());
        Assert.Equal(0, lookback.GetProperty("minimum").GetInt32());
        Assert.Equal(0, lookback.GetProperty("default").GetInt32());
        var baseUrl = properties.GetProperty("base_url");
        Assert.Equal("uri", baseUrl.GetProperty("format").GetString());
    }
}
