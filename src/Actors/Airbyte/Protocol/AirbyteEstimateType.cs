using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<AirbyteEstimateType>))]
public enum AirbyteEstimateType
{
    [JsonStringEnumMemberName("STREAM")] Stream,
    [JsonStringEnumMemberName("SYNC")] Sync,
}
