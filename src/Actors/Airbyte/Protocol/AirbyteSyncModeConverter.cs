using System.Text.Json;
using System.Text.Json.Serialization;
using Paystack.Actors.State;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>
/// The engine's <see cref="SyncMode"/> as Airbyte spells it (<c>full_refresh</c>, <c>incremental</c>). Registered in
/// <see cref="AirbyteJson.Options"/> rather than on the enum, so the journal keeps its own spelling of the same values.
/// </summary>
public sealed class AirbyteSyncModeConverter : JsonConverter<SyncMode>
{
    public override SyncMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString() switch
            {
                "full_refresh" => SyncMode.FullRefresh,
                "incremental" => SyncMode.Incremental,
                var other => throw new JsonException($"'{other}' is not a sync mode (full_refresh, incremental)."),
            }
            : throw new JsonException("A sync mode is a string (full_refresh, incremental).");

    public override void Write(Utf8JsonWriter writer, SyncMode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == SyncMode.Incremental ? "incremental" : "full_refresh");
}
