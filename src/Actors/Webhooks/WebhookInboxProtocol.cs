namespace Paystack.Actors.Webhooks;

public static class WebhookInboxProtocol
{
    /// <summary>An event the receiver verified; answered with <see cref="Delivered"/> once it is durable.</summary>
    public sealed record Deliver(WebhookEvent Event);

    /// <param name="Duplicate">The event was seen before (a retry): nothing new was recorded.</param>
    public sealed record Delivered(string EventId, bool Duplicate);

    /// <summary>A reconciliation finished at <paramref name="At"/>; answered with <see cref="Recorded"/> once journaled.</summary>
    public sealed record RecordReconciled(DateTimeOffset At);

    public sealed record Recorded
    {
        public static Recorded Instance { get; } = new();
    }

    public sealed record GetStatus
    {
        public static GetStatus Instance { get; } = new();
    }

    /// <summary>Counts since the service started, and what waits now.</summary>
    /// <param name="LastLagSeconds">From accepting the last applied batch's oldest event to its rows being durable.</param>
    public sealed record InboxStatus(
        long Received, long Duplicates, long Applied, long Ignored, int Pending, string? LastError, DateTimeOffset? LastAppliedAt,
        double? LastLagSeconds = null, DateTimeOffset? LastReconciledAt = null);
}
