using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record AirbyteStreamStatusTraceMessage(
    [property: JsonPropertyName("stream_descriptor")] StreamDescriptor StreamDescriptor,
    [property: JsonPropertyName("status")] AirbyteStreamStatus Status,
    [property: JsonPropertyName("reasons")] IReadOnlyList<AirbyteStreamStatusReason>? Reasons = null);
