using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

public sealed class SettingValidationTests
{
    [Theory]
    [InlineData("engine.page-size", "0", "paystack-sync.engine.page-size must be between 1 and 1000 (got 0)")]
    [InlineData("engine.page-size", "1001", "paystack-sync.engine.page-size must be between 1 and 1000 (got 1001)")]
    [InlineData("engine.page-size", "ten", "paystack-sync.engine.page-size must be a whole number between 1 and 1000 (got \"ten\")")]
    [InlineData("engine.page-size", "1.5", "paystack-sync.engine.page-size must be a whole number")]
    [InlineData("engine.fetchers-per-stream", "0", "paystack-sync.engine.fetchers-per-stream must be between 1 and 64 (got 0)")]
    [InlineData("engine.window-length", "0s", "paystack-sync.engine.window-length must be longer than zero (got \"0s\")")]
    [InlineData("engine.window-length", "90 fortnights", "paystack-sync.engine.window-length must be a duration with a unit")]
    [InlineData("engine.max-pages-per-window", "-1", "paystack-sync.engine.max-pages-per-window must be between 1 and")]
    [InlineData("engine.settle-delay", "soon", "paystack-sync.engine.settle-delay must be a duration")]
    [InlineData("engine.write-batch-size", "0", "paystack-sync.engine.write-batch-size must be between 1 and")]
    [InlineData("engine.snapshot-interval", "0", "paystack-sync.engine.snapshot-interval must be between 1 and")]
    [InlineData("engine.stream-max-restarts", "-1", "paystack-sync.engine.stream-max-restarts must be between 0 and")]
    [InlineData("engine.stream-restart-min-backoff", "0ms", "paystack-sync.engine.stream-restart-min-backoff must be longer than zero")]
    [InlineData("engine.stream-restart-max-backoff", "500ms", "paystack-sync.engine.stream-restart-max-backoff must not be shorter than paystack-sync.engine.stream-restart-min-backoff (got 500ms < 1s)")]
    [InlineData("rate-limits.test-requests", "0", "paystack-sync.rate-limits.test-requests must be between 1 and")]
    [InlineData("rate-limits.live-requests", "x", "paystack-sync.rate-limits.live-requests must be a whole number")]
    [InlineData("rate-limits.period", "0s", "paystack-sync.rate-limits.period must be longer than zero")]
    [InlineData("rate-limits.max-in-flight", "0", "paystack-sync.rate-limits.max-in-flight must be between 1 and 1024 (got 0)")]
    [InlineData("http.request-timeout", "forever", "paystack-sync.http.request-timeout must be a duration")]
    [InlineData("http.max-retries", "-2", "paystack-sync.http.max-retries must be between 0 and 100 (got -2)")]
    [InlineData("http.retry-base-delay", "0s", "paystack-sync.http.retry-base-delay must be longer than zero")]
    [InlineData("http.retry-max-delay", "100ms", "paystack-sync.http.retry-max-delay must not be shorter than paystack-sync.http.retry-base-delay")]
    [InlineData("persistence.provider", "mysql", "paystack-sync.persistence.provider must be one of sqlite, postgresql (got \"mysql\")")]
    [InlineData("persistence.connection-string", "\"  \"", "paystack-sync.persistence.connection-string must not be empty")]
    [InlineData("engine.page-size", "[1, 2]", "paystack-sync.engine.page-size must be a single value")]
    [InlineData("http", "5", "paystack-sync.http.request-timeout")]
    public void An_invalid_value_names_its_full_key(string key, string value, string expected)
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.FromHocon($"paystack-sync.{key} = {value}"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.FromHocon("""
            paystack-sync.engine.page-size = 0
            paystack-sync.rate-limits.max-in-flight = 0
            paystack-sync.persistence.provider = oracle
            """));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("3 problems", error.Message);
        Assert.Contains("paystack-sync.engine.page-size", error.Message);
        Assert.Contains("paystack-sync.rate-limits.max-in-flight", error.Message);
        Assert.Contains("paystack-sync.persistence.provider", error.Message);
    }

    [Fact]
    public void A_misplaced_key_in_a_value_is_not_echoed()
    {
        var error = Assert.Throws<SyncConfigurationException>(() =>
            SyncSettingsLoader.FromHocon("paystack-sync.engine.settle-delay = sk_live_abcdef123456"));
        Assert.DoesNotContain("abcdef123456", error.Message);
        Assert.Contains("sk_live_***", error.Message);
    }

    [Fact]
    public void Zero_is_accepted_where_it_means_off()
    {
        var settings = SyncSettingsLoader.FromHocon("""
            paystack-sync.engine.settle-delay = 0s
            paystack-sync.engine.stream-max-restarts = 0
            paystack-sync.http.max-retries = 0
            paystack-sync.persistence.provider = PostgreSQL
            """).Settings;

        Assert.Equal(TimeSpan.Zero, settings.Engine.SettleDelay);
        Assert.Equal(0, settings.Engine.StreamMaxRestarts);
        Assert.Equal(0, settings.Http.MaxRetries);
        Assert.Equal("postgresql", settings.Persistence.Provider);
    }
}
