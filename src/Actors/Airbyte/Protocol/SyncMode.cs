using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte;

[JsonConverter(typeof(JsonStringEnumConverter<SyncMode>))]
public enum SyncMode
{
    [JsonStringEnumMemberName("full_refresh")] FullRefresh,
    [JsonStringEnumMemberName("incremental")] Incremental,
}
