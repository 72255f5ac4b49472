using System.Text.Json.Nodes;
using Paystack.Actors.Airbyte.Spec;

namespace Paystack.Actors.Airbyte.Catalog;

/// <summary>The JSON schema of each stream, one embedded file per stream: <c>Airbyte/Schemas/&lt;stream&gt;.json</c>.</summary>
public static class StreamSchemas
{
    private const string Prefix = "Paystack.Actors.Airbyte.Schemas.";

    public static bool Exists(string streamName) => EmbeddedJson.Exists(Prefix + streamName + ".json");

    /// <summary>A fresh copy of the stream's schema.</summary>
    /// <exception cref="InvalidOperationException">No schema file was compiled in for the stream.</exception>
    public static JsonObject Get(string streamName)
    {
        if (!Exists(streamName))
            throw new InvalidOperationException(
                $"Stream '{streamName}' has no JSON schema: add src/Actors/Airbyte/Schemas/{streamName}.json.");
        return EmbeddedJson.LoadObject(Prefix + streamName + ".json");
    }
}
