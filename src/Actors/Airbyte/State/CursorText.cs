using System.Globalization;

namespace Paystack.Actors.Airbyte.State;

/// <summary>Cursor values are ISO 8601 instants as Paystack writes them; older states may hold only a date.</summary>
public static class CursorText
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && text.Length >= 10 && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value);
    }

    /// <exception cref="FormatException">The text is not a date or date-time.</exception>
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an ISO 8601 date-time.");
}
