using System.Text.Json.Nodes;

namespace Paystack.Sandbox.Webhooks;

/// <summary>A change made to a sandbox record, and the webhook event Paystack sends for it.</summary>
/// <param name="Path">The resource, e.g. <c>transaction</c>.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Event">The event name, e.g. <c>charge.success</c>.</param>
/// <param name="Data">The event's <c>data</c>: the record as changed (a customer identification event carries its own shape).</param>
public sealed record RecordChange(string Path, string Id, string Event, JsonObject Data)
{
    /// <summary>The delivery body, <c>{"event": ..., "data": {...}}</c>.</summary>
    public string Body() => new JsonObject { ["event"] = Event, ["data"] = Data.DeepClone() }.ToJsonString();
}
