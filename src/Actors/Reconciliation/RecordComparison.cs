using System.Text.Json.Nodes;

namespace Paystack.Actors.Reconciliation;

/// <summary>
/// Whether a record read now differs from the one stored. Only fields both versions carry are compared: a record stored
/// from a fetch by id (a webhook's re-read) may carry fields the list endpoint leaves out, and the reverse, without
/// either having changed.
/// </summary>
public static class RecordComparison
{
    public static bool Differs(string current, string stored)
    {
        if (JsonNode.Parse(current) is not JsonObject now || JsonNode.Parse(stored) is not JsonObject then) return current != stored;
        foreach (var (name, value) in now)
        {
            if (then.TryGetPropertyValue(name, out var before) && !JsonNode.DeepEquals(value, before)) return true;
        }
        return false;
    }
}
