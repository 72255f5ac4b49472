using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record AirbyteEstimateTraceMessage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] AirbyteEstimateType Type,
    [property: JsonPropertyName("row_estimate")] long? RowEstimate = null,
    [property: JsonPropertyName("byte_estimate")] long? ByteEstimate = null,
    [property: JsonPropertyName("namespace")] string? Namespace = null);
