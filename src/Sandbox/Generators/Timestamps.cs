using System.Globalization;

namespace Paystack.Sandbox.Generators;

/// <summary>Paystack's timestamp text: UTC with milliseconds, e.g. <c>2023-03-16T09:05:02.000Z</c>.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
