using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<AirbyteTraceType>))]
public enum AirbyteTraceType
{
    [JsonStringEnumMemberName("ERROR")] Error,
    [JsonStringEnumMemberName("ESTIMATE")] Estimate,
    [JsonStringEnumMemberName("STREAM_STATUS")] StreamStatus,
}
