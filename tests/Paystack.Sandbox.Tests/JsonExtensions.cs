using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Tests;

internal static class JsonExtensions
{
    public static JsonArray Data(this JsonObject body) => body["data"]!.AsArray();

    public static JsonObject Meta(this JsonObject body) => body["meta"]!.AsObject();

    public static long Long(this JsonNode? node) => node!.GetValue<long>();

    public static List<string> Ids(this JsonObject body) => body.Data().Select(r => r!["id"]!.ToString()).ToList();

    /// <summary>Query-string form of a time: UTC, milliseconds, Z (no '+' to escape).</summary>
    public static string Iso(this DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Time(this JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
