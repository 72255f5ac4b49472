using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <param name="StreamState">The stream's own blob, e.g. <c>{"createdAt": "2023-03-16T09:05:02.000Z"}</c>; null resets the stream.</param>
public sealed record AirbyteStreamState(
    [property: JsonPropertyName("stream_descriptor")] StreamDescriptor StreamDescriptor,
    [property: JsonPropertyName("stream_state")] JsonObject? StreamState);
