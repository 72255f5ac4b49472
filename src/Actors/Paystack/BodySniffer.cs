namespace Paystack.Actors.Paystack;

/// <summary>Names what a body that failed to parse as JSON actually is, without quoting it.</summary>
internal static class BodySniffer
{
    public static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var first = FirstSignificantByte(body);
        return first is (byte)'{' or (byte)'[';
    }

    public static string Describe(ReadOnlySpan<byte> body, string? mediaType)
    {
        var first = FirstSignificantByte(body);
        if (first is null)
        {
            return "an empty body instead of JSON";
        }

        if (first == (byte)'<' || (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return "an HTML page instead of JSON";
        }

        if (first is (byte)'{' or (byte)'[')
        {
            return "JSON that is cut off or malformed";
        }

        return mediaType is null ? "a body that is not JSON" : $"a body that is not JSON ({mediaType})";
    }

    private static byte? FirstSignificantByte(ReadOnlySpan<byte> body)
    {
        // Skip whitespace and a UTF-8 byte order mark.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return null;
    }
}
