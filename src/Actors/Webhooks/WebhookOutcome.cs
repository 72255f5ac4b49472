namespace Paystack.Actors.Webhooks;

/// <summary>What became of one event; <see cref="Label"/> is the metric tag, <see cref="Detail"/> the words kept with the raw event.</summary>
public sealed record WebhookOutcome(string Label, string Detail)
{
    public static WebhookOutcome Applied(string stream, string id) => new("applied", $"{stream} record {id} re-read and written");

    public static WebhookOutcome UnknownType(string type) => new("ignored_type", $"no stream holds '{type}' events");

    public static WebhookOutcome NotSynced(string stream) => new("ignored_not_synced", $"stream {stream} is not synced");

    public static WebhookOutcome NoRecordId(string type) => new("ignored_no_id", $"the '{type}' event names no record id");

    public static WebhookOutcome WrongMode(string stream, string mode) =>
        new("ignored_mode", $"stream {stream} is written in {mode} mode; its next run picks the change up");

    public static WebhookOutcome BeforeFirstRun(string stream) =>
        new("left_to_first_run", $"stream {stream} has no table yet; its first run reads the record");

    public static WebhookOutcome Unreadable(string stream, string id, string reason) =>
        new("ignored_unreadable", $"Paystack refused to give {stream} record {id}: {reason}");

    public static WebhookOutcome RecordGone(string stream, string id) => new("ignored_not_found", $"Paystack has no {stream} record {id}");
}
