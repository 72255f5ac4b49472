using System.Globalization;
using Akka.Configuration;
using Paystack.Actors.Logging;

namespace Paystack.Actors.Configuration;

/// <summary>
/// Reads single values from the merged configuration and records every problem instead of throwing, so start-up
/// reports all bad keys at once. An invalid value yields a placeholder; the caller fails when any problem was recorded.
/// </summary>
internal sealed class SettingValueReader(Config config, List<string> problems)
{
    private const string DurationHint = "a duration with a unit such as 500ms, 30s, 5m, 1h or 90d";

    public int Int(string path, int min, int max)
    {
        if (Raw(path) is not { } raw)
            return min;
        if (!int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add($"{path} must be a whole number between {min} and {max} (got {Shown(raw)})");
            return min;
        }
        if (value < min || value > max)
            problems.Add($"{path} must be between {min} and {max} (got {value})");
        return value;
    }

    /// <summary>A number above 0 and below 1 (or up to 1 when <paramref name="inclusiveMax"/>).</summary>
    public double Fraction(string path, bool inclusiveMax)
    {
        const double fallback = 0.5;
        if (Raw(path) is not { } raw)
            return fallback;
        var range = inclusiveMax ? "above 0 and at most 1" : "above 0 and below 1";
        if (!double.TryParse(raw.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add($"{path} must be a number {range} (got {Shown(raw)})");
            return fallback;
        }
        if (value <= 0 || value > 1 || (value == 1 && !inclusiveMax))
            problems.Add($"{path} must be {range} (got {value.ToString(CultureInfo.InvariantCulture)})");
        return value;
    }

    /// <summary>A duration of at least <paramref name="min"/> (zero allowed only when min is zero).</summary>
    public TimeSpan Duration(string path, TimeSpan min)
    {
        if (Raw(path) is not { } raw)
            return min;
        if (!HoconDuration.TryParse(raw, out var value))
        {
            problems.Add($"{path} must be {DurationHint} (got {Shown(raw)})");
            return min;
        }
        if (min == TimeSpan.Zero ? value < TimeSpan.Zero : value < min)
            problems.Add(min == TimeSpan.Zero
                ? $"{path} must not be negative (got {Shown(raw)})"
                : $"{path} must be at least {HoconDuration.Format(min)} (got {Shown(raw)})");
        return value;
    }

    public TimeSpan PositiveDuration(string path)
    {
        var value = Duration(path, TimeSpan.Zero);
        if (value == TimeSpan.Zero && Raw(path, report: false) is { } raw && HoconDuration.TryParse(raw, out _))
            problems.Add($"{path} must be longer than zero (got {Shown(raw)})");
        return value;
    }

    public string Choice(string path, IReadOnlyList<string> allowed)
    {
        if (Raw(path) is not { } raw)
            return allowed[0];
        var value = raw.Trim().ToLowerInvariant();
        if (!allowed.Contains(value))
            problems.Add($"{path} must be one of {string.Join(", ", allowed)} (got {Shown(raw)})");
        return value;
    }

    /// <summary>A required text whose value is never echoed (it may hold a password).</summary>
    public string SecretText(string path)
    {
        if (Raw(path) is not { } raw)
            return "";
        if (string.IsNullOrWhiteSpace(raw))
            problems.Add($"{path} must not be empty");
        return raw;
    }

    private string? Raw(string path, bool report = true)
    {
        try
        {
            if (!config.HasPath(path))
            {
                if (report)
                    problems.Add($"{path} is missing");
                return null;
            }
            if (config.GetString(path) is { } value)
                return value;
            if (report)
                problems.Add($"{path} must be a single value, not an object or a list");
            return null;
        }
        catch (Exception error) when (error is ConfigurationException or InvalidOperationException or FormatException or ArgumentException)
        {
            if (report)
                problems.Add($"{path} must be a single value, not an object or a list");
            return null;
        }
    }

    // A value that is not what we expect might still be a misplaced key: never echo one.
    private static string Shown(string raw) => HoconText.Quote(SecretRedactor.RedactKnownPatterns(raw));
}
