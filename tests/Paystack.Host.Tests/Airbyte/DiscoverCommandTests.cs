using Paystack.Actors.Paystack;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;

namespace Paystack.Host.Tests.Airbyte;

public sealed class DiscoverCommandTests : IDisposable
{
    private const string Key = "sk_test_discover0001";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Prints_the_catalog_of_every_stream()
    {
        var result = await CliRunner.RunAsync("discover", "--config", _files.Config(Key));

        Assert.Equal(0, result.ExitCode);
        ProtocolSchema.AssertAllValid(result);
        var streams = result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(StreamCatalog.All.Select(s => s.Name), streams.Select(s => s.GetProperty("name").GetString()));
        Assert.Subset(streams.Select(s => s.GetProperty("name").GetString()!).ToHashSet(),
            new HashSet<string>(["customers", "disputes", "invoices", "refunds", "settlements", "subscriptions", "transactions", "transfers"]));
        foreach (var (stream, definition) in streams.Zip(StreamCatalog.All))
        {
            string[] modes = definition.SupportsIncremental ? ["full_refresh", "incremental"] : ["full_refresh"];
            Assert.Equal(modes, stream.GetProperty("supported_sync_modes").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(definition.SupportsIncremental, stream.GetProperty("source_defined_cursor").GetBoolean());
            Assert.Equal(definition.KeyFields, stream.GetProperty("source_defined_primary_key").EnumerateArray().Select(k => k[0].GetString()));
            var schema = stream.GetProperty("json_schema");
            Assert.Equal("object", schema.GetProperty("type").GetString());
            Assert.True(schema.GetProperty("additionalProperties").GetBoolean());
            if (!definition.SupportsIncremental)
            {
                Assert.False(stream.TryGetProperty("default_cursor_field", out _), $"{definition.Name} is read whole and has no cursor");
                continue;
            }
            var cursor = stream.GetProperty("default_cursor_field")[0].GetString()!;
            Assert.True(schema.GetProperty("properties").TryGetProperty(cursor, out _), $"{cursor} missing from the schema");
        }
        Assert.Equal("created_at", streams.Single(s => s.GetProperty("name").GetString() == "invoices").GetProperty("default_cursor_field")[0].GetString());
        Assert.DoesNotContain(Key, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Takes_the_key_from_the_environment_when_the_config_has_none()
    {
        var config = _files.Write("config.json", """{"start_date": "2020-01-01T00:00:00Z"}""");

        var result = await CliRunner.RunAsync(["discover", "--config", config], new Dictionary<string, string?> { ["PAYSTACK_SECRET_KEY"] = Key });

        Assert.Equal(0, result.ExitCode);
        result.Single("CATALOG");
        Assert.DoesNotContain(Key, result.Stdout + result.Stderr);
    }

    public static TheoryData<string, string, string> BadConfigs => new()
    {
        { "missing file", "", "does not exist" },
        { "not json", "{\"secret_key\": \"sk_test_discover0001\",", "is not valid JSON" },
        { "key fails the pattern", """{"secret_key": "pk_test_discover0001", "start_date": "2020-01-01T00:00:00Z"}""", "secret_key does not look like a Paystack secret key" },
        { "no key anywhere", """{"start_date": "2020-01-01T00:00:00Z"}""", "secret_key is missing" },
        { "bad start date", """{"secret_key": "sk_test_discover0001", "start_date": "01/02/2020"}""", "start_date '01/02/2020' is not in the format" },
        { "negative lookback", """{"secret_key": "sk_test_discover0001", "start_date": "2020-01-01T00:00:00Z", "lookback_window_days": -2}""", "lookback_window_days must be 0 or more" },
        { "not an object", "[]", "must hold a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Reports_bad_config_as_a_config_error_trace_and_fails(string name, string content, string expected)
    {
        var path = name == "missing file" ? Path.Combine(_files.Folder, "absent.json") : _files.Write("config.json", content);

        var result = await CliRunner.RunAsync("discover", "--config", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stderr);
        ProtocolSchema.AssertAllValid(result);
        var error = result.Single("TRACE").GetProperty("trace").GetProperty("error");
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString());
        Assert.Empty(result.OfType("CATALOG"));
        Assert.DoesNotContain("discover0001", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Reports_a_missing_config_option()
    {
        var result = await CliRunner.RunAsync("discover");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stderr);
        ProtocolSchema.AssertAllValid(result);
        Assert.Contains("--config", result.Single("TRACE").GetProperty("trace").GetProperty("error").GetProperty("message").GetString());
    }
}
