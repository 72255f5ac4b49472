using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte;

public sealed record StreamDescriptor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace")] string? Namespace = null);
