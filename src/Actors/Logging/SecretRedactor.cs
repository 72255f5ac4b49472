using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Paystack.Actors.Logging;

/// <summary>
/// Masks secrets in text: Paystack keys by shape (sk_/rk_/pk_ + test/live), bearer tokens, and every string registered
/// with <see cref="Register"/> (such as the configured key, whatever its shape). Thread-safe; registering is cheap.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter registered strings are ignored: masking them would mangle ordinary words.</summary>
    public const int MinimumSecretLength = 6;

    private ImmutableArray<string> _secrets = [];

    public SecretRedactor(IEnumerable<string?>? secrets = null)
    {
        foreach (var secret in secrets ?? [])
            Register(secret);
    }

    public void Register(string? secret)
    {
        if (secret is null || secret.Trim().Length < MinimumSecretLength)
            return;
        ImmutableInterlocked.Update(ref _secrets, current => current.Contains(secret)
            ? current
            : current.Add(secret).Sort((a, b) => b.Length.CompareTo(a.Length))); // longest first, so a secret's prefix never leaves its tail behind
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return RedactKnownPatterns(text);
    }

    /// <summary>Masks what looks like a Paystack key or a bearer token, without any registered secrets.</summary>
    public static string RedactKnownPatterns(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        text = PaystackKey().Replace(text, match => $"{match.Groups["kind"].Value}_{match.Groups["mode"].Value}_{Mask}");
        return BearerToken().Replace(text, match => $"{match.Groups["scheme"].Value} {Mask}");
    }

    [GeneratedRegex(@"(?<kind>sk|rk|pk)_(?<mode>test|live)_[A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex PaystackKey();

    [GeneratedRegex(@"(?<scheme>\bBearer)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
