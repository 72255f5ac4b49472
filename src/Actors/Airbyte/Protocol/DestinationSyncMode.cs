using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<DestinationSyncMode>))]
public enum DestinationSyncMode
{
    [JsonStringEnumMemberName("append")] Append,
    [JsonStringEnumMemberName("overwrite")] Overwrite,
    [JsonStringEnumMemberName("append_dedup")] AppendDedup,
    [JsonStringEnumMemberName("update")] Update,
    [JsonStringEnumMemberName("soft_delete")] SoftDelete,
}
