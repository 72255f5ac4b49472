using System.Globalization;

namespace Paystack.Actors.State;

/// <summary>The timestamp format Paystack writes and Airbyte state keeps: UTC with milliseconds, e.g. 2023-03-16T09:05:02.000Z.</summary>
public static class CursorFormat
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
