namespace Paystack.Actors.Airbyte.Check;

/// <summary>Last line of defence before text leaves the process: replaces the key wherever it appears.</summary>
public static class SecretScrubber
{
    public const string Mask = "***";

    public static string Scrub(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
}
