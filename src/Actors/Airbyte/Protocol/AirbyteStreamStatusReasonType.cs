using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<AirbyteStreamStatusReasonType>))]
public enum AirbyteStreamStatusReasonType
{
    [JsonStringEnumMemberName("RATE_LIMITED")] RateLimited,
}
