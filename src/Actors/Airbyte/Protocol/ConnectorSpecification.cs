using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <param name="ConnectionSpecification">JSON schema (draft-07) of the config file.</param>
public sealed record ConnectorSpecification(
    [property: JsonPropertyName("documentationUrl")] string? DocumentationUrl,
    [property: JsonPropertyName("connectionSpecification")] JsonObject ConnectionSpecification);
