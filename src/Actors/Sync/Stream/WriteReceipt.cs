using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// What a batch's write proves, kept by the destination in the same transaction as the batch: the run and the journal
/// events the batch allows. A stream stopped between its write and its journal entry (kill -9, a restart inside the
/// run) finds the destination one write ahead of its journal and persists these events instead of fetching and writing
/// the pages again, so even an append-mode table gets no row twice. Writes are one at a time per stream, so the
/// destination is never more than one write ahead.
/// </summary>
internal static class WriteReceipt
{
    public static string Encode(string runId, IEnumerable<IStreamEvent> events) => new JsonObject
    {
        ["run"] = runId,
        ["events"] = new JsonArray(events.Select(e => (JsonNode)new JsonObject
        {
            ["manifest"] = StreamEventSerializer.ManifestOf(e),
            ["event"] = JsonNode.Parse(StreamEventSerializer.ToJson(e).GetRawText()),
        }).ToArray()),
    }.ToJsonString();

    /// <summary>The events of a receipt written by <paramref name="runId"/>; null for another run's, or one that cannot be read.</summary>
    public static IReadOnlyList<IStreamEvent>? Decode(string? receipt, string runId)
    {
        if (receipt is null) return null;
        try
        {
            using var document = JsonDocument.Parse(receipt);
            var root = document.RootElement;
            if (root.GetProperty("run").GetString() != runId) return null;
            return root.GetProperty("events").EnumerateArray()
                .Select(e => (IStreamEvent)StreamEventSerializer.Read(e.GetProperty("event"), e.GetProperty("manifest").GetString()!))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or SerializationException or InvalidCastException)
        {
            return null; // a receipt this version cannot read proves nothing: the pages are fetched again
        }
    }
}
