using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Paystack.Actors.State;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>One stream as offered by <c>discover</c>.</summary>
public sealed record AirbyteStream(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("json_schema")] JsonObject JsonSchema,
    [property: JsonPropertyName("supported_sync_modes")] IReadOnlyList<SyncMode> SupportedSyncModes,
    [property: JsonPropertyName("source_defined_cursor")] bool? SourceDefinedCursor = null,
    [property: JsonPropertyName("default_cursor_field")] IReadOnlyList<string>? DefaultCursorField = null,
    [property: JsonPropertyName("source_defined_primary_key")] IReadOnlyList<IReadOnlyList<string>>? SourceDefinedPrimaryKey = null,
    [property: JsonPropertyName("is_resumable")] bool? IsResumable = null,
    [property: JsonPropertyName("namespace")] string? Namespace = null);
