using System.Reflection;
using System.Text.Json.Nodes;

namespace Paystack.Actors.Airbyte.Spec;

/// <summary>Reads JSON files compiled into this assembly (the connection specification and the stream schemas).</summary>
internal static class EmbeddedJson
{
    private static readonly Assembly Assembly = typeof(EmbeddedJson).Assembly;

    public static bool Exists(string resourceName) =>
        Assembly.GetManifestResourceInfo(resourceName) is not null;

    public static JsonObject LoadObject(string resourceName)
    {
        using var stream = Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' is missing from {Assembly.GetName().Name}.");
        return JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"The embedded resource '{resourceName}' does not hold a JSON object.");
    }
}
