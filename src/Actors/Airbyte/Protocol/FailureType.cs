using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>Who has to act on an error: the user (<see cref="ConfigError"/>), nobody yet (<see cref="TransientError"/>) or the developers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailureType>))]
public enum FailureType
{
    [JsonStringEnumMemberName("system_error")] SystemError,
    [JsonStringEnumMemberName("config_error")] ConfigError,
    [JsonStringEnumMemberName("transient_error")] TransientError,
}
