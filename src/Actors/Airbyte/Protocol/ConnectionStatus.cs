using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<ConnectionStatus>))]
public enum ConnectionStatus
{
    [JsonStringEnumMemberName("SUCCEEDED")] Succeeded,
    [JsonStringEnumMemberName("FAILED")] Failed,
}
