namespace Paystack.Actors.Webhooks;

/// <param name="BatchSize">Events applied together (one lease, one write per stream).</param>
/// <param name="RetryDelay">Wait before a failed batch is tried again.</param>
/// <param name="SnapshotInterval">Journal entries between snapshots; older entries are then deleted.</param>
public sealed record WebhookInboxSettings(int BatchSize = 100, TimeSpan? Retry = null, int SnapshotInterval = 500)
{
    public TimeSpan RetryDelay => Retry ?? TimeSpan.FromSeconds(5);
}
