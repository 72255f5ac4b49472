using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>
/// Writes a string that already holds JSON as that JSON, not as a quoted string.
/// Raw line breaks can only be insignificant whitespace in valid JSON (inside strings they are escaped),
/// so they are turned into spaces to keep one message per line.
/// </summary>
internal sealed class RawJsonTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        WriteRaw(writer, value);

    internal static void WriteRaw(Utf8JsonWriter writer, string json)
    {
        // The text came out of a JSON parser, so validating it again would only cost time.
        if (json.AsSpan().IndexOfAny('\r', '\n') < 0)
            writer.WriteRawValue(json, skipInputValidation: true);
        else
            writer.WriteRawValue(json.Replace('\r', ' ').Replace('\n', ' '), skipInputValidation: true);
    }
}
