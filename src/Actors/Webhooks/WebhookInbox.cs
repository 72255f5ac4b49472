using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static Paystack.Actors.Webhooks.WebhookInboxProtocol;

namespace Paystack.Actors.Webhooks;

/// <summary>
/// The account's webhook inbox. A delivery is answered only once its event is in the journal, so an event Paystack
/// was told we have survives a kill; a retried event (same body, same id) is recognised and recorded once. Accepted
/// events are applied in batches by <see cref="WebhookApplication"/>, one batch at a time; a batch that fails (a run
/// holds the destination, Paystack refuses) is tried again after <see cref="WebhookInboxSettings.RetryDelay"/>. An
/// event leaves the pending set only once its effect is durable, so a restart replays exactly what was not applied.
/// </summary>
public sealed class WebhookInbox : ReceivePersistentActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly WebhookApplication _application;
    private readonly WebhookInboxSettings _settings;
    private readonly WebhookInboxState _state = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private bool _applying;
    private long _received, _duplicates, _applied, _ignored;
    private string? _lastError;
    private DateTimeOffset? _lastAppliedAt;
    private double? _lastLagSeconds;
    private long _lastSnapshotSequenceNr;

    public WebhookInbox(string accountId, WebhookApplication application, WebhookInboxSettings settings)
    {
        PersistenceId = $"webhook-inbox-{accountId}";
        _application = application;
        _settings = settings;

        Recover<SnapshotOffer>(offer =>
        {
            _state.Apply((WebhookInboxSnapshot)offer.Snapshot);
            _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<IWebhookInboxEntry>(_state.Apply);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_state.PendingCount > 0) _log.Info("Webhook inbox: {0} accepted events were not applied before the restart; applying them now", _state.PendingCount);
            ApplyNext();
        });

        Command<Deliver>(OnDeliver);
        Command<BatchApplied>(OnBatchApplied);
        Command<BatchFailed>(failed =>
        {
            _applying = false;
            _lastError = failed.Error.Message;
            if (failed.Error is Destinations.Progress.DestinationBusyException)
                _log.Debug("Webhook events wait for the run holding the destination; trying again in {0}", _settings.RetryDelay);
            else
                _log.Warning("Webhook events not applied yet ({0}); trying again in {1}", failed.Error.Message, _settings.RetryDelay);
            Timers.StartSingleTimer(RetryTimer, Retry.Instance, _settings.RetryDelay);
        });
        Command<Retry>(_ => ApplyNext());
        Command<GetStatus>(_ => Sender.Tell(new InboxStatus(
            _received, _duplicates, _applied, _ignored, _state.PendingCount, _lastError, _lastAppliedAt, _lastLagSeconds,
            _state.LastReconciledAt)));
        Command<RecordReconciled>(record =>
        {
            var replyTo = Sender;
            Persist(new WebhookInboxEvents.Reconciled(record.At), reconciled =>
            {
                _state.Apply(reconciled);
                replyTo.Tell(Recorded.Instance);
                SnapshotIfDue();
            });
        });
        Command<SaveSnapshotSuccess>(saved =>
        {
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => _log.Warning("Webhook inbox snapshot failed: {0}", failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string accountId, WebhookApplication application, WebhookInboxSettings settings) =>
        Akka.Actor.Props.Create(() => new WebhookInbox(accountId, application, settings));

    private void OnDeliver(Deliver deliver)
    {
        var id = deliver.Event.EventId;
        if (_state.HasSeen(id))
        {
            _duplicates++;
            WebhookMetrics.DeliveryAccepted(duplicate: true);
            Sender.Tell(new Delivered(id, Duplicate: true));
            return;
        }
        var replyTo = Sender;
        Persist(new WebhookInboxEvents.Accepted(deliver.Event), accepted =>
        {
            _state.Apply(accepted);
            _received++;
            WebhookMetrics.DeliveryAccepted(duplicate: false);
            replyTo.Tell(new Delivered(id, Duplicate: false));
            ApplyNext();
            SnapshotIfDue();
        });
    }

    private void ApplyNext()
    {
        if (_applying || _state.PendingCount == 0 || Timers.IsTimerActive(RetryTimer)) return;
        _applying = true;
        var batch = _state.Pending.Take(_settings.BatchSize).ToList();
        _application.ApplyAsync(batch, _stopping.Token)
            .PipeTo(Self, success: results => new BatchApplied(results), failure: error => new BatchFailed(error));
    }

    private void OnBatchApplied(BatchApplied done)
    {
        var now = DateTimeOffset.UtcNow;
        var settled = done.Results
            .Select(r => new WebhookInboxEvents.Settled(r.Event.EventId, r.Outcome.Label, now))
            .ToList();
        var remaining = settled.Count;
        PersistAll(settled, e =>
        {
            _state.Apply(e);
            if (--remaining > 0) return;
            foreach (var (webhook, outcome) in done.Results)
            {
                WebhookMetrics.EventSettled(outcome.Label);
                if (outcome.Label == "applied")
                {
                    _applied++;
                    WebhookMetrics.RowLag(now - webhook.ReceivedAt);
                }
                else
                {
                    _ignored++;
                }
            }
            var lags = done.Results.Where(r => r.Outcome.Label == "applied").Select(r => (now - r.Event.ReceivedAt).TotalSeconds).ToList();
            if (lags.Count > 0) _lastLagSeconds = Math.Round(lags.Max(), 3);
            _lastError = null;
            _lastAppliedAt = now;
            _applying = false;
            SnapshotIfDue();
            ApplyNext();
        });
    }

    private void SnapshotIfDue()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr < _settings.SnapshotInterval) return;
        _lastSnapshotSequenceNr = LastSequenceNr;
        SaveSnapshot(_state.ToSnapshot(DateTimeOffset.UtcNow));
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private sealed record BatchApplied(IReadOnlyList<(WebhookEvent Event, WebhookOutcome Outcome)> Results);

    private sealed record BatchFailed(Exception Error);

    private sealed record Retry
    {
        public static Retry Instance { get; } = new();
    }
}
