using System.Text.Json;
using Paystack.Actors.Logging;

namespace Paystack.Actors.Tests.Logging;

public sealed class CompactJsonTests
{
    [Fact]
    public void Compact_json_writes_one_json_object_per_line_without_secrets()
    {
        var output = new StringWriter();
        using (var logger = PaystackLogging.CreateLogger(new LogOptions { Format = LogFormat.CompactJson, Output = output }))
        {
            logger.Information("Fetched {Count} records of {Stream}", 100, "customers");
            logger.Warning(new InvalidOperationException("bad key sk_live_ZZZ999yyy888"), "Key {Key} refused", "sk_live_ZZZ999yyy888");
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var documents = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();

        Assert.Equal("Fetched {Count} records of {Stream}", documents[0].GetProperty("@mt").GetString());
        Assert.Equal(100, documents[0].GetProperty("Count").GetInt32());
        Assert.Equal("customers", documents[0].GetProperty("Stream").GetString());
        Assert.True(documents[0].TryGetProperty("@t", out _));

        Assert.Equal("Warning", documents[1].GetProperty("@l").GetString());
        Assert.Equal("sk_live_***", documents[1].GetProperty("Key").GetString());
        Assert.StartsWith("System.InvalidOperationException: bad key sk_live_***", documents[1].GetProperty("@x").GetString());
        Assert.DoesNotContain("ZZZ999yyy888", output.ToString());
    }
}
