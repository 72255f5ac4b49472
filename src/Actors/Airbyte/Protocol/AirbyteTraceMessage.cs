using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>Error, estimate or stream status; exactly one payload matching <see cref="Type"/> is set.</summary>
/// <param name="EmittedAt">Epoch milliseconds.</param>
public sealed record AirbyteTraceMessage(
    [property: JsonPropertyName("type")] AirbyteTraceType Type,
    [property: JsonPropertyName("emitted_at")] long EmittedAt,
    [property: JsonPropertyName("error")] AirbyteErrorTraceMessage? Error = null,
    [property: JsonPropertyName("estimate")] AirbyteEstimateTraceMessage? Estimate = null,
    [property: JsonPropertyName("stream_status")] AirbyteStreamStatusTraceMessage? StreamStatus = null);
