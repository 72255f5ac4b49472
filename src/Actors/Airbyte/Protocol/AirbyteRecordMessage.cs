using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>One record. <see cref="Data"/> is the record's JSON object as text and is written out verbatim, never re-parsed.</summary>
/// <param name="EmittedAt">Epoch milliseconds.</param>
public sealed record AirbyteRecordMessage(
    [property: JsonPropertyName("stream")] string Stream,
    [property: JsonPropertyName("data"), JsonConverter(typeof(RawJsonTextConverter))] string Data,
    [property: JsonPropertyName("emitted_at")] long EmittedAt,
    [property: JsonPropertyName("namespace")] string? Namespace = null);
