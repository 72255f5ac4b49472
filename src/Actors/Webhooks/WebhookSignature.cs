using System.Security.Cryptography;
using System.Text;

namespace Paystack.Actors.Webhooks;

/// <summary>
/// Paystack's webhook signature: <c>x-paystack-signature</c> is the hex HMAC-SHA512 of the raw request body, keyed with
/// the integration's secret key. Checked on the raw bytes, before anything reads them, in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "x-paystack-signature";

    private const int HashBytes = HMACSHA512.HashSizeInBytes;

    /// <summary>The header value Paystack sends for <paramref name="body"/> (lower-case hex).</summary>
    public static string Sign(string secretKey, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secretKey), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="key"/>.</summary>
    /// <param name="key">The secret key's UTF-8 bytes.</param>
    public static bool IsValid(ReadOnlySpan<byte> key, ReadOnlySpan<byte> body, string? header)
    {
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA512.HashData(key, body, expected);
        Span<byte> given = stackalloc byte[HashBytes];
        // A header of the wrong length or not hex compares against zeros, so every refusal takes the same path.
        if (header is not { Length: HashBytes * 2 } || !TryFromHex(header, given)) given.Clear();
        return CryptographicOperations.FixedTimeEquals(expected, given) && header is { Length: HashBytes * 2 };
    }

    private static bool TryFromHex(string hex, Span<byte> into) =>
        Convert.FromHexString(hex, into, out _, out var written) == System.Buffers.OperationStatus.Done && written == into.Length;
}
