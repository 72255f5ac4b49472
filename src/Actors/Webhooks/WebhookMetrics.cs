using System.Diagnostics.Metrics;
using Paystack.Actors.Monitoring;

namespace Paystack.Actors.Webhooks;

/// <summary>Webhook and reconciliation instruments, on the engine's meter (<see cref="SyncMetrics.MeterName"/>) so serve's exporter shows them.</summary>
public static class WebhookMetrics
{
    private static readonly Meter Meter = new(SyncMetrics.MeterName, "1.0");

    private static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "paystack_sync.webhook.received", "{event}", "Webhook deliveries accepted (made durable), retries of a known event included.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>(
        "paystack_sync.webhook.rejected", "{request}", "Webhook requests refused, by reason.");
    private static readonly Counter<long> Settled = Meter.CreateCounter<long>(
        "paystack_sync.webhook.settled", "{event}", "Webhook events settled, by outcome (applied or why not).");
    private static readonly Histogram<double> Lag = Meter.CreateHistogram(
        "paystack_sync.webhook.lag", "s", "Time from accepting an event to its record's row being durable.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });
    private static readonly Counter<long> ReconciledChanges = Meter.CreateCounter<long>(
        "paystack_sync.reconcile.changes", "{record}", "Records a reconciliation found changed that no webhook had announced, by stream.");

    public static void DeliveryAccepted(bool duplicate) => Received.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate ? "true" : "false"));

    public static void DeliveryRejected(string reason) => Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void EventSettled(string outcome) => Settled.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void RowLag(TimeSpan lag) => Lag.Record(lag.TotalSeconds);

    public static void FoundByReconciliation(string stream, long count) =>
        ReconciledChanges.Add(count, new KeyValuePair<string, object?>("stream", stream));
}
