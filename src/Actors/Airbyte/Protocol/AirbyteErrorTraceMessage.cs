using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <param name="Message">For the user.</param>
/// <param name="InternalMessage">For the developers; still never contains the secret key.</param>
public sealed record AirbyteErrorTraceMessage(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("failure_type")] FailureType? FailureType = null,
    [property: JsonPropertyName("internal_message")] string? InternalMessage = null,
    [property: JsonPropertyName("stack_trace")] string? StackTrace = null,
    [property: JsonPropertyName("stream_descriptor")] StreamDescriptor? StreamDescriptor = null);
