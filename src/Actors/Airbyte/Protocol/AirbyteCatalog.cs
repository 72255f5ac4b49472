using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

public sealed record AirbyteCatalog(
    [property: JsonPropertyName("streams")] IReadOnlyList<AirbyteStream> Streams);
