using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<AirbyteStreamStatus>))]
public enum AirbyteStreamStatus
{
    [JsonStringEnumMemberName("STARTED")] Started,
    [JsonStringEnumMemberName("RUNNING")] Running,
    [JsonStringEnumMemberName("COMPLETE")] Complete,
    [JsonStringEnumMemberName("INCOMPLETE")] Incomplete,
}
