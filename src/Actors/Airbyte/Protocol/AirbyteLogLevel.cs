using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<AirbyteLogLevel>))]
public enum AirbyteLogLevel
{
    [JsonStringEnumMemberName("FATAL")] Fatal,
    [JsonStringEnumMemberName("ERROR")] Error,
    [JsonStringEnumMemberName("WARN")] Warn,
    [JsonStringEnumMemberName("INFO")] Info,
    [JsonStringEnumMemberName("DEBUG")] Debug,
    [JsonStringEnumMemberName("TRACE")] Trace,
}
