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

    [Theory]
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
