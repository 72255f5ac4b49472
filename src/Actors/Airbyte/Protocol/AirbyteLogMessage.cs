using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record AirbyteLogMessage(
    [property: JsonPropertyName("level")] AirbyteLogLevel Level,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("stack_trace")] string? StackTrace = null);
