using System.Text.Json;

namespace Paystack.Host.Tests.Protocol;

/// <summary>The validator the CLI tests rely on must reject what the protocol forbids.</summary>
public sealed class ProtocolSchemaTests
{
    private static IReadOnlyList<string> Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProtocolSchema.Problems(document.RootElement);
    }

    [Theory]
    [InlineData("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"FAILED","message":"x"}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"customers","data":{"id":1},"emitted_at":1}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"customers"},"stream_state":{}},"sourceStats":{"recordCount":1.0}}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"m","failure_type":"config_error"}}}""")]
    public void Accepts_valid_messages(string json) => Assert.Empty(Check(json));

    [Theory]
    [InlineData("""{"type":"CONNECTION_STATUS","connection_status":{"status":"FAILED"}}""")]
    [InlineData("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"OK"}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"customers","data":{"id":1}}}""")]
    [InlineData("""{"type":"RECORD","record":{"stream":"customers","data":"{}","emitted_at":1}}""")]
    [InlineData("""{"type":"STATE","state":{"type":"STREAM"}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1}}""")]
    [InlineData("""{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1,"error":{"message":"m","failure_type":"user_error"}}}""")]
    [InlineData("""{"type":"SPEC","spec":{"documentationUrl":"x"}}""")]
    [InlineData("""{"type":"HELLO"}""")]
    public void Rejects_invalid_messages(string json) => Assert.NotEmpty(Check(json));
}
