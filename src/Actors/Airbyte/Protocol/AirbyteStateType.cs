using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>How a state message is shaped: per stream, one global blob, or the deprecated free-form <c>data</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AirbyteStateType>))]
public enum AirbyteStateType
{
    [JsonStringEnumMemberName("STREAM")] Stream,
    [JsonStringEnumMemberName("GLOBAL")] Global,
    [JsonStringEnumMemberName("LEGACY")] Legacy,
}
