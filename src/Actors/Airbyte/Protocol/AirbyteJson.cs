using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>The serializer settings every protocol message is written with.</summary>
public static class AirbyteJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // Messages are read by programs, not browsers: keep non-ASCII text and '<', '&' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new AirbyteSyncModeConverter() },
    };

    /// <summary>One message as a single line of JSON, without the line break.</summary>
    public static string Serialize(AirbyteMessage message) => JsonSerializer.Serialize(message, Options);
}
