using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>The <c>type</c> of an Airbyte message; each names the one payload field the message carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AirbyteMessageType>))]
public enum AirbyteMessageType
{
    [JsonStringEnumMemberName("RECORD")] Record,
    [JsonStringEnumMemberName("STATE")] State,
    [JsonStringEnumMemberName("LOG")] Log,
    [JsonStringEnumMemberName("SPEC")] Spec,
    [JsonStringEnumMemberName("CONNECTION_STATUS")] ConnectionStatus,
    [JsonStringEnumMemberName("CATALOG")] Catalog,
    [JsonStringEnumMemberName("TRACE")] Trace,
}
