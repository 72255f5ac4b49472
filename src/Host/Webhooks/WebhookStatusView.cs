using Paystack.Actors.Webhooks;

namespace Paystack.Host.Webhooks;

/// <summary>
/// <c>GET /admin/webhooks</c>: the inbox's counts since start, the requests the receiver refused by reason, and what
/// the last reconciliation found that no webhook had brought in (since start; its time is kept across restarts).
/// </summary>
internal sealed record WebhookStatusView(
    long Received, long Duplicates, long Applied, long Ignored, int Pending, string? LastError, DateTimeOffset? LastAppliedAt,
    double? LastLagSeconds, IReadOnlyDictionary<string, long> Rejected, DateTimeOffset? LastReconciledAt, long? ReconciledChanges)
{
    public static WebhookStatusView Of(WebhookInboxProtocol.InboxStatus inbox, IReadOnlyDictionary<string, long> rejected,
        Paystack.Actors.Reconciliation.ReconcileReport? reconciled) => new(
        inbox.Received, inbox.Duplicates, inbox.Applied, inbox.Ignored, inbox.Pending, inbox.LastError, inbox.LastAppliedAt,
        inbox.LastLagSeconds, rejected, inbox.LastReconciledAt, reconciled?.Changed);
}
