using Paystack.Actors.Airbyte.Config;

namespace Paystack.Actors.Tests.Airbyte;

/// <summary>Values that parse but cannot be meant: start_date outside Paystack's lifetime, a huge lookback, a typed key.</summary>
public sealed class SourceConfigRangeTests
{
    private const string Key = "sk_test_range01";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static SourceConfig Parse(string json, Action<string>? warn = null) =>
        SourceConfigReader.Parse(json, "The config", _ => null, warn, new FixedClock(Now));

    private static string Config(string startDate, string extra = "") =>
        $$"""{"secret_key": "{{Key}}", "start_date": "{{startDate}}"{{extra}}}""";

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2014-12-31T23:59:59Z")]
    public void Refuses_a_start_date_before_paystack_existed(string startDate)
    {
        var error = Assert.Throws<AirbyteConfigException>(() => Parse(Config(startDate)));

        Assert.Equal(
            $"The config is not valid: start_date {startDate} is before Paystack existed: no account holds records from before " +
            "2015-01-01T00:00:00Z (write 2015-01-01T00:00:00Z to read everything).", error.Message);
    }

    [Fact]
    public void Refuses_a_start_date_in_the_future()
    {
        var error = Assert.Throws<AirbyteConfigException>(() => Parse(Config("2026-06-01T12:00:01Z")));

        Assert.Equal(
            "The config is not valid: start_date 2026-06-01T12:00:01Z is in the future (it is now 2026-06-01T12:00:00Z), so nothing would be read.",
            error.Message);
    }

    [Theory]
    [InlineData("2015-01-01T00:00:00Z")]
    [InlineData("2026-06-01T12:00:00Z")]
    public void Accepts_the_bounds(string startDate) =>
        Assert.Equal(DateTimeOffset.Parse(startDate, System.Globalization.CultureInfo.InvariantCulture), Parse(Config(startDate)).StartDate);

    [Fact]
    public void Refuses_a_lookback_longer_than_a_century()
    {
        var error = Assert.Throws<AirbyteConfigException>(() => Parse(Config("2020-01-01T00:00:00Z", ", \"lookback_window_days\": 36501")));

        Assert.Contains("lookback_window_days must be at most 36500 (100 years), found 36501", error.Message);
        Assert.Equal(36500, Parse(Config("2020-01-01T00:00:00Z", ", \"lookback_window_days\": 36500")).LookbackWindowDays);
    }

    [Fact]
    public void Warns_about_an_unknown_key_naming_the_closest_known_one_and_reads_the_rest()
    {
        var warnings = new List<string>();

        var config = Parse(Config("2020-01-01T00:00:00Z", ", \"lookback_window_day\": 7"), warnings.Add);

        Assert.Equal(0, config.LookbackWindowDays);
        Assert.Equal(
            "The config has an unknown key, ignored: lookback_window_day (did you mean lookback_window_days?). " +
            "Known keys: secret_key, start_date, lookback_window_days, base_url, account.", Assert.Single(warnings));
    }

    [Fact]
    public void Warns_once_for_several_unknown_keys()
    {
        var warnings = new List<string>();

        Parse(Config("2020-01-01T00:00:00Z", ", \"baseurl\": \"x\", \"streams\": []"), warnings.Add);

        Assert.StartsWith("The config has unknown keys, ignored: baseurl (did you mean base_url?), streams. Known keys:", Assert.Single(warnings));
    }

    [Fact]
    public void Does_not_warn_about_a_complete_config()
    {
        var warnings = new List<string>();

        Parse(Config("2020-01-01T00:00:00Z", ", \"lookback_window_days\": 3, \"base_url\": \"https://api.paystack.co/\""), warnings.Add);

        Assert.Empty(warnings);
    }

    [Fact]
    public void A_refused_config_names_the_typed_key_that_explains_it()
    {
        var warnings = new List<string>();

        var error = Assert.Throws<AirbyteConfigException>(() => Parse($$"""{"secret_key": "{{Key}}", "start_dat": "2020-01-01T00:00:00Z"}""", warnings.Add));

        Assert.EndsWith("It has an unknown key: start_dat (did you mean start_date?).", error.Message);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Does_not_echo_a_key_name_that_looks_like_a_secret()
    {
        var warnings = new List<string>();

        Parse(Config("2020-01-01T00:00:00Z", ", \"sk_live_pasted0123\": 1"), warnings.Add);

        Assert.DoesNotContain("pasted0123", Assert.Single(warnings));
    }
}
