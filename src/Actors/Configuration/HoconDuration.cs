using System.Globalization;
using System.Text.RegularExpressions;

namespace Paystack.Actors.Configuration;

/// <summary>
/// Parses HOCON durations ("500ms", "60s", "2m", "1h", "90d", a bare number meaning milliseconds).
/// Parsed here rather than with Config.GetTimeSpan so a bad value becomes a message naming the key, not a parser stack trace.
/// </summary>
public static partial class HoconDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = DurationPattern().Match(text);
        if (!match.Success)
            return false;
        if (!double.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;
        var unitTicks = UnitTicks(match.Groups["unit"].Value);
        var ticks = amount * unitTicks;
        if (double.IsNaN(ticks) || ticks >= TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>The shortest exact HOCON spelling of a duration, e.g. 90d, 60s, 500ms.</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks == 0) return "0s";
        if (ticks % TimeSpan.TicksPerDay == 0) return $"{ticks / TimeSpan.TicksPerDay}d";
        if (ticks % TimeSpan.TicksPerHour == 0) return $"{ticks / TimeSpan.TicksPerHour}h";
        if (ticks % TimeSpan.TicksPerMinute == 0) return $"{ticks / TimeSpan.TicksPerMinute}m";
        if (ticks % TimeSpan.TicksPerSecond == 0) return $"{ticks / TimeSpan.TicksPerSecond}s";
        if (ticks % TimeSpan.TicksPerMillisecond == 0) return $"{ticks / TimeSpan.TicksPerMillisecond}ms";
        return $"{ticks / 10}us";
    }

    private static double UnitTicks(string unit) => unit switch
    {
        "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
        "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => 0.01,
        "us" or "micro" or "micros" or "microsecond" or "microseconds" => 10,
        "s" or "second" or "seconds" => TimeSpan.TicksPerSecond,
        "m" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
        "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
        "d" or "day" or "days" => TimeSpan.TicksPerDay,
        _ => double.NaN,
    };

    [GeneratedRegex(@"^\s*(?<amount>\d+(\.\d+)?)\s*(?<unit>[a-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
