using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>A checkpoint. This source only emits per-stream (<see cref="AirbyteStateType.Stream"/>) state.</summary>
public sealed record AirbyteStateMessage(
    [property: JsonPropertyName("type")] AirbyteStateType Type,
    [property: JsonPropertyName("stream")] AirbyteStreamState? Stream,
    [property: JsonPropertyName("sourceStats")] AirbyteStateStats? SourceStats = null);
