using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record StreamDescriptor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace")] string? Namespace = null);
