using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

/// <summary>The limiter's adaptive settings: their defaults, a user's values, and what is refused.</summary>
public sealed class RateLimitSettingsTests
{
    [Fact]
    public void The_defaults_cap_pauses_at_five_minutes_halve_on_a_429_and_recover_a_quarter_a_minute()
    {
        var limits = SyncSettingsLoader.FromHocon("").Settings.RateLimits;

        Assert.Equal((TimeSpan.FromMinutes(5), 0.5, TimeSpan.FromSeconds(60), 0.25),
            (limits.MaxPause, limits.DecreaseFactor, limits.RecoveryInterval, limits.RecoveryStep));
    }

    [Fact]
    public void A_user_file_sets_them()
    {
        var limits = SyncSettingsLoader.FromHocon("""
            paystack-sync.rate-limits { max-pause = 90s, decrease-factor = 0.7, recovery-interval = 2m, recovery-step = 1 }
            """).Settings.RateLimits;

        Assert.Equal((TimeSpan.FromSeconds(90), 0.7, TimeSpan.FromMinutes(2), 1.0),
            (limits.MaxPause, limits.DecreaseFactor, limits.RecoveryInterval, limits.RecoveryStep));
    }

    [Fact]
    public void Grants_are_counted_over_the_period_plus_half_a_percent_and_a_learned_margin_of_10_to_250_ms()
    {
        var limits = SyncSettingsLoader.FromHocon("").Settings.RateLimits;

        Assert.Equal((0.005, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(5)),
            (limits.WindowMargin, limits.MinWindowMargin, limits.MaxWindowMargin, limits.MarginNarrowInterval));
        Assert.Equal(TimeSpan.FromSeconds(60.3), limits.CountedWindow(TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(20.1), limits.CountedWindow(TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromMilliseconds(2_010), limits.CountedWindow(TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromMilliseconds(1_010), limits.CountedWindow(TimeSpan.FromSeconds(1)));
        // The widest a learned margin gets: Paystack's 60 s period keeps its own share, a 1 s period the ceiling.
        Assert.Equal(TimeSpan.FromSeconds(60.3), limits.WidestCountedWindow(TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromMilliseconds(1_250), limits.WidestCountedWindow(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_user_file_sets_the_margin()
    {
        var limits = SyncSettingsLoader.FromHocon("""
            paystack-sync.rate-limits { window-margin = 0.02, min-window-margin = 0ms }
            """).Settings.RateLimits;

        Assert.Equal(TimeSpan.FromSeconds(61.2), limits.CountedWindow(TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromMilliseconds(1_020), limits.CountedWindow(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_user_file_sets_the_learned_margin_bounds_and_its_clean_stretch()
    {
        var limits = SyncSettingsLoader.FromHocon("""
            paystack-sync.rate-limits { min-window-margin = 20ms, max-window-margin = 1s, margin-narrow-interval = 30m }
            """).Settings.RateLimits;

        Assert.Equal((TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30)),
            (limits.MinWindowMargin, limits.MaxWindowMargin, limits.MarginNarrowInterval));
    }

    [Fact]
    public void A_ceiling_below_the_floor_is_refused()
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.FromHocon(
            "paystack-sync.rate-limits { min-window-margin = 200ms, max-window-margin = 100ms }"));
        Assert.Contains("paystack-sync.rate-limits.max-window-margin", error.Message);
    }

    [Theory]
    [InlineData("margin-narrow-interval", "0s", "paystack-sync.rate-limits.margin-narrow-interval must be longer than zero")]
    [InlineData("window-margin", "0", "paystack-sync.rate-limits.window-margin must be above 0 and below 1 (got 0)")]
    [InlineData("window-margin", "1", "paystack-sync.rate-limits.window-margin must be above 0 and below 1 (got 1)")]
    [InlineData("min-window-margin", "soon", "paystack-sync.rate-limits.min-window-margin must be")]
    [InlineData("max-pause", "0s", "paystack-sync.rate-limits.max-pause must be longer than zero")]
    [InlineData("decrease-factor", "1", "paystack-sync.rate-limits.decrease-factor must be above 0 and below 1 (got 1)")]
    [InlineData("decrease-factor", "0", "paystack-sync.rate-limits.decrease-factor must be above 0 and below 1 (got 0)")]
    [InlineData("decrease-factor", "half", "paystack-sync.rate-limits.decrease-factor must be a number above 0 and below 1 (got \"half\")")]
    [InlineData("recovery-interval", "0s", "paystack-sync.rate-limits.recovery-interval must be longer than zero")]
    [InlineData("recovery-step", "1.5", "paystack-sync.rate-limits.recovery-step must be above 0 and at most 1 (got 1.5)")]
    [InlineData("recovery-step", "0", "paystack-sync.rate-limits.recovery-step must be above 0 and at most 1 (got 0)")]
    public void An_invalid_value_names_its_full_key(string key, string value, string expected)
    {
        var error = Assert.Throws<SyncConfigurationException>(() => SyncSettingsLoader.FromHocon($"paystack-sync.rate-limits.{key} = {value}"));
        Assert.Contains(expected, error.Message);
    }
}
