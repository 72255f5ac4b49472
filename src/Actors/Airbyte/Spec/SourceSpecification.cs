using System.Text.Json.Nodes;
using Paystack.Actors.Airbyte.Protocol;

namespace Paystack.Actors.Airbyte.Spec;

/// <summary>What <c>spec</c> prints: the config file's JSON schema and where the connector is documented.</summary>
public static class SourceSpecification
{
    public const string DocumentationUrl = "https://github.com/paystack-actors/paystack-actors/blob/main/docs/airbyte.md";

    private const string ResourceName = "Paystack.Actors.Airbyte.Spec.connection_specification.json";

    /// <summary>A fresh copy each call, so callers may change theirs.</summary>
    public static ConnectorSpecification Build() =>
        new(DocumentationUrl, EmbeddedJson.LoadObject(ResourceName));
}
