using Paystack.Actors.Airbyte.Config;


namespace Paystack.Actors.Tests.Airbyte;

public sealed class SourceConfigReaderTests : IDisposable
{
    private const string Key = "sk_test_4a1b2c3d4e5f";
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private readonly string _folder = Directory.CreateTempSubdirectory("airbyte-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SourceConfig Parse(string json, Func<string, string?>? environment = null) =>
        SourceConfigReader.Parse(json, "The config", environment ?? NoEnvironment);

    private static AirbyteConfigException Rejects(string json, Func<string, string?>? environment = null) =>
        Assert.Throws<AirbyteConfigException>(() => Parse(json, environment));

    [Fact]
    public void Reads_a_complete_config()
    {
        var config = Parse($$"""{"secret_key": "{{Key}}", "start_date": "2020-05-01T00:00:00Z", "lookback_window_days": 7, "base_url": "http://127.0.0.1:5050/api"}""");

        Assert.Equal(Key, config.SecretKey);
        Assert.Equal(new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero), config.StartDate);
        Assert.Equal(7, config.LookbackWindowDays);
        Assert.Equal("http://127.0.0.1:5050/api/", config.BaseUrl!.ToString());
    }

    [Fact]
    public void Defaults_lookback_to_zero_and_base_url_to_paystack()
    {
        var config = Parse($$"""{"secret_key": "{{Key}}", "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Equal(0, config.LookbackWindowDays);
        Assert.Null(config.BaseUrl);
        Assert.Equal("https://api.paystack.co/", config.EffectiveBaseUrl.ToString());
    }

    [Fact]
    public void Accepts_start_date_with_milliseconds()
    {
        var config = Parse($$"""{"secret_key": "{{Key}}", "start_date": "2023-03-16T09:05:02.250Z"}""");

        Assert.Equal(new DateTimeOffset(2023, 3, 16, 9, 5, 2, 250, TimeSpan.Zero), config.StartDate);
    }

    [Theory]
    [InlineData("sk_live_abc123")]
    [InlineData("sk_test_abc123")]
    [InlineData("rk_live_abc123")]
    [InlineData("rk_test_ABC123")]
    public void Accepts_every_kind_of_paystack_key(string key) =>
        Assert.Equal(key, Parse($$"""{"secret_key": "{{key}}", "start_date": "2020-05-01T00:00:00Z"}""").SecretKey);

    [Theory]
    [InlineData("pk_test_abc123")]
    [InlineData("sk_test_!!")]
    [InlineData("sk_prod_abc123")]
    [InlineData("sk_test_abc-123")]
    [InlineData(" sk_test_abc123")]
    [InlineData("sk_test_abc123\\n")]
    public void Rejects_a_key_that_is_not_a_paystack_secret_key_without_echoing_it(string key)
    {
        var error = Rejects($$"""{"secret_key": "{{key}}", "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Contains("secret_key does not look like a Paystack secret key", error.Message);
        Assert.Contains("sk_live_..., sk_test_..., rk_live_... or rk_test_...", error.Message);
        Assert.DoesNotContain(key.Trim().Replace("\\n", ""), error.Message);
    }

    [Fact]
    public void Reads_the_key_from_the_environment_when_the_file_has_none()
    {
        var config = Parse("""{"start_date": "2020-05-01T00:00:00Z"}""",
            name => name == "PAYSTACK_SECRET_KEY" ? Key : null);

        Assert.Equal(Key, config.SecretKey);
    }

    [Fact]
    public void Prefers_the_file_key_over_the_environment()
    {
        var config = Parse($$"""{"secret_key": "{{Key}}", "start_date": "2020-05-01T00:00:00Z"}""", _ => "sk_live_other");

        Assert.Equal(Key, config.SecretKey);
    }

    [Fact]
    public void Names_the_environment_variable_when_its_key_is_malformed()
    {
        var error = Rejects("""{"start_date": "2020-05-01T00:00:00Z"}""", _ => "pk_live_oops1");

        Assert.Contains("PAYSTACK_SECRET_KEY", error.Message);
        Assert.DoesNotContain("pk_live_oops1", error.Message);
    }

    [Fact]
    public void Reports_a_missing_key_and_where_to_put_it()
    {
        var error = Rejects("""{"start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Contains("secret_key is missing", error.Message);
        Assert.Contains("PAYSTACK_SECRET_KEY", error.Message);
    }

    [Theory]
    [InlineData("""{"secret_key": "sk_test_abc1"}""", "start_date is missing")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01"}""", "start_date '2020-05-01' is not in the format YYYY-MM-DDTHH:MM:SSZ")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00+01:00"}""", "is not in the format")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-13-45T00:00:00Z"}""", "start_date '2020-13-45T00:00:00Z' is not a real date and time")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": 20200501}""", "start_date must be a string, found a number")]
    [InlineData("""{"secret_key": 12345, "start_date": "2020-05-01T00:00:00Z"}""", "secret_key must be a string, found a number")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "lookback_window_days": -1}""", "lookback_window_days must be 0 or more, found -1")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "lookback_window_days": 1.5}""", "lookback_window_days must be a whole number of days, found 1.5")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "lookback_window_days": "7"}""", "lookback_window_days must be a whole number of days, found a string")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "base_url": "api.paystack.co"}""", "base_url 'api.paystack.co' is not an absolute http(s) URL")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "base_url": "http://api.example.com/"}""", "must use https")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "account": "acme ng"}""", "account must be 1 to 64 letters")]
    [InlineData("""{"secret_key": "sk_test_abc1", "start_date": "2020-05-01T00:00:00Z", "account": 7}""", "account must be 1 to 64 letters")]
    [InlineData("""[1, 2]""", "must hold a JSON object, found an array")]
    public void Names_the_field_and_the_problem(string json, string expected) =>
        Assert.Contains(expected, Rejects(json).Message);

    [Fact]
    public void An_account_name_keys_progress_instead_of_the_key()
    {
        var named = Parse("""{"secret_key": "sk_live_abc1", "start_date": "2020-05-01T00:00:00Z", "account": "acme-ng"}""");
        var hashed = Parse("""{"secret_key": "sk_live_abc1", "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Equal("acme-ng", named.AccountId);
        Assert.StartsWith("live-", hashed.AccountId);
        Assert.DoesNotContain("abc1", hashed.AccountId);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var error = Rejects("""{"secret_key": "nope", "start_date": "yesterday", "lookback_window_days": -3}""");

        Assert.Contains("secret_key", error.Message);
        Assert.Contains("start_date", error.Message);
        Assert.Contains("lookback_window_days", error.Message);
    }

    [Fact]
    public void Does_not_echo_a_key_typed_into_start_date()
    {
        var error = Rejects($$"""{"secret_key": "2020-05-01T00:00:00Z", "start_date": "{{Key}}"}""");

        Assert.DoesNotContain(Key, error.Message);
    }

    [Fact]
    public void Reports_invalid_json_by_position_only()
    {
        var error = Rejects($$"""{"secret_key": "{{Key}}" "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Contains("is not valid JSON (syntax error at line 1", error.Message);
        Assert.DoesNotContain(Key, error.Message);
    }

    [Fact]
    public void Reports_an_empty_file()
    {
        var path = Path.Combine(_folder, "empty.json");
        File.WriteAllText(path, "  ");

        var error = Assert.Throws<AirbyteConfigException>(() => SourceConfigReader.Load(path, NoEnvironment));

        Assert.Contains($"Config file '{path}' is empty", error.Message);
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var path = Path.Combine(_folder, "absent.json");

        var error = Assert.Throws<AirbyteConfigException>(() => SourceConfigReader.Load(path, NoEnvironment));

        Assert.Equal($"Config file '{path}' does not exist.", error.Message);
    }

    [Fact]
    public void Loads_a_file()
    {
        var path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, $$"""{"secret_key": "{{Key}}", "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.Equal(Key, SourceConfigReader.Load(path, NoEnvironment).SecretKey);
    }

    [Fact]
    public void ToString_masks_the_key()
    {
        var config = Parse($$"""{"secret_key": "{{Key}}", "start_date": "2020-05-01T00:00:00Z"}""");

        Assert.DoesNotContain(Key, config.ToString());
        Assert.DoesNotContain("4a1b2c", config.ToString());
        Assert.Contains("2020-05-01", config.ToString());
    }
}
