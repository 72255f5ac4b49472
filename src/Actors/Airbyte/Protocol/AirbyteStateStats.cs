using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <param name="RecordCount">Records emitted for the stream since its previous state message; a double by protocol.</param>
public sealed record AirbyteStateStats(
    [property: JsonPropertyName("recordCount"), JsonConverter(typeof(DecimalPointDoubleConverter))] double RecordCount);
