using Paystack.Actors.Configuration;

namespace Paystack.Actors.Tests.Configuration;

public sealed class HoconDurationTests
{
    [Theory]
    [InlineData("90d", 90 * 24 * 3600_000.0)]
    [InlineData("1 day", 24 * 3600_000.0)]
    [InlineData("2days", 2 * 24 * 3600_000.0)]
    [InlineData("2160h", 2160 * 3600_000.0)]
    [InlineData("5m", 300_000.0)]
    [InlineData("5 minutes", 300_000.0)]
    [InlineData("60s", 60_000.0)]
    [InlineData("1.5s", 1500.0)]
    [InlineData("500ms", 500.0)]
    [InlineData("250", 250.0)]
    [InlineData("1000us", 1.0)]
    [InlineData(" 30 seconds ", 30_000.0)]
    public void Parses_hocon_durations(string text, double milliseconds)
    {
        Assert.True(HoconDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("-5s")]
    [InlineData("5 fortnights")]
    [InlineData("5S")]
    [InlineData("1e3ms")]
    [InlineData("99999999999d")]
    public void Rejects_what_is_not_a_duration(string text) => Assert.False(HoconDuration.TryParse(text, out _));

    [Theory]
    [InlineData(90 * 24 * 3600_000.0, "90d")]
    [InlineData(3600_000.0, "1h")]
    [InlineData(90_000.0, "90s")]
    [InlineData(500.0, "500ms")]
    [InlineData(0.0, "0s")]
    public void Formats_the_shortest_exact_spelling(double milliseconds, string expected) =>
        Assert.Equal(expected, HoconDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
