using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync.Fetching;
using static Paystack.Actors.Cluster.AccountCommands;
using static Paystack.Actors.Cluster.AccountEvents;
using static Paystack.Actors.Cluster.AccountReplies;
using RunnerProtocol = Paystack.Actors.Runs.AccountRunnerProtocol;

namespace Paystack.Actors.Cluster;

/// <summary>
/// One account in the cluster (entity id = account name), on whichever node owns its shard. It owns the account's
/// RateLimiter (so the key has one budget cluster-wide), an <see cref="AccountRunner"/> for its runs, and its schedule
/// as a timer. It journals when a run begins and ends, so on a new owner a run the old one left unfinished (a lost
/// node, a hand-off) starts again at once and resumes from the stream journals; pauses and the schedule's count come
/// back the same way. Its persistence id is the account's, never the node's.
/// </summary>
public sealed class AccountEntity : ReceivePersistentActor, IWithTimers
{
    private const string ScheduleTimer = "schedule";

    /// <summary>What the reason of a run resumed on a new owner starts with (followed by the reason it was begun for).</summary>
    public const string Resumed = "resumed: ";

    /// <summary>A timer longer than this is cut and re-armed, so a far due time never sits in the scheduler as one huge delay.</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromHours(1);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The longest a hand-over waits for the cancelled run to end: well within sharding's hand-off timeout (60 s).</summary>
    private static readonly TimeSpan HandOverTimeout = TimeSpan.FromSeconds(30);

    private readonly string _account;
    private readonly AccountEntityServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AccountEntityState _state = AccountEntityState.Empty;
    private AccountDefinition? _definition;
    private IActorRef? _runner;
    private IActorRef? _rateLimiter;
    private DateTimeOffset? _nextDue;
    private DateTimeOffset? _scheduleRefusedAt;
    private bool _handingOver;

    public static Props Props(string account, AccountEntityServices services) =>
        Akka.Actor.Props.Create(() => new AccountEntity(account, services));

    public AccountEntity(string account, AccountEntityServices services)
    {
        _account = account;
        _services = services;

        Recover<SnapshotOffer>(offer => _state = ((AccountEntitySnapshot)offer.Snapshot).ToState());
        Recover<IAccountEvent>(e => _state = _state.Apply(e));

        Command<WakeUp>(_ => Sender.Tell(new Awake(_account, Node)));
        Command<StartRun>(start => AskRunner(start.Reason, Sender));
        Command<RunnerAnswered>(OnRunnerAnswered);
        Command<EntityRunWatcher.RunFinishedNotice>(OnRunFinished);
        Command<SetPaused>(SetStreamPaused);
        Command<GetStatus>(_ => ReplyStatus(Sender));
        Command<StopRuns>(StopAndPassivate);
        Command<RunnerStopped>(OnRunnerStopped);
        Command<ScheduleDue>(_ => OnScheduleDue());
        Command<HandOff>(_ => HandOver());
        Command<LimiterDrained>(OnLimiterDrained);
        Command<HandedOver>(_ => Context.Stop(Self));
        Command<RunnerProtocol.PauseSet>(_ => { }); // answers to the pauses restored at start
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed => _log.Warning("Account {0}: saving a snapshot failed: {1}", _account, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning("Account {0}: deleting journaled events failed: {1}", _account, failed.Cause.Message));
    }

    public override string PersistenceId => $"account-{_account}";

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The cluster member this entity lives on.</summary>
    private string Node => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    private string NotConfigured => $"Account {_account} is not in the accounts configuration of node {Node}.";

    protected override void OnReplaySuccess()
    {
        _definition = _services.Directory.Find(_account);
        if (_definition is null)
        {
            _log.Warning("{0} It runs nothing until it is configured there.", NotConfigured);
            return;
        }
        var request = _definition.Request with
        {
            LeaseWait = _definition.Request.LeaseWait > _services.LeaseWait ? _definition.Request.LeaseWait : _services.LeaseWait,
        };
        var engine = _services.Engine;
        // An entity with a journal lived before, maybe on a node lost a moment ago whose grants this limiter cannot see.
        var hold = LastSequenceNr > 0;
        var rateLimiter = _rateLimiter = Context.ActorOf(engine.RateLimiterProps(request.Source.SecretKey, holdFirstWindow: hold), "rate-limiter");
        if (hold)
            _log.Info("Account {0} taken over on node {1} (entity {2}), its key's requests held until {3:O}",
                _account, Node, Self.Path.Uid, DateTimeOffset.UtcNow + engine.FirstWindowHold);
        else
            _log.Info("Account {0} started on node {1} (entity {2})", _account, Node, Self.Path.Uid);
        _runner = Context.ActorOf(
            AccountRunner.Props(request, engine.JobRunnerFor(request, rateLimiter), new EntityRunWatcher(Self, _services.Watchers?.Invoke(_account, rateLimiter))),
            "runner");
        foreach (var stream in _state.Paused) _runner.Tell(new RunnerProtocol.SetPaused(stream, true));

        if (_state.Unfinished is { } unfinished)
        {
            _log.Info("Account {0}: resuming the run begun at {1:O} ({2}) on node {3}", _account, unfinished.At, unfinished.Reason, Node);
            AskRunner(unfinished.Reason.StartsWith(Resumed, StringComparison.Ordinal) ? unfinished.Reason : Resumed + unfinished.Reason, ActorRefs.Nobody);
        }
        ScheduleNext();
    }

    protected override void PreRestart(Exception reason, object message)
    {
        _log.Warning("Account {0} restarts on node {1} (entity {2}) after: {3}", _account, Node, Self.Path.Uid, reason.Message);
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        _log.Info("Account {0} stopped on node {1} (entity {2})", _account, Node, Self.Path.Uid);
        base.PostStop();
    }

    /// <param name="replyTo">Who asked; Nobody for the entity's own runs (schedule, resumption).</param>
    private void AskRunner(string reason, IActorRef replyTo)
    {
        if (_runner is null)
        {
            replyTo.Tell(new RunRefused(_account, null, NotConfigured));
            return;
        }
        _runner.Ask<object>(new RunnerProtocol.StartRun(reason), _services.AskTimeout)
            .PipeTo(Self, success: answer => new RunnerAnswered(reason, answer, replyTo), failure: e => new RunnerAnswered(reason, e, replyTo));
    }

    private void OnRunnerAnswered(RunnerAnswered answered)
    {
        switch (answered.Answer)
        {
            case RunnerProtocol.RunStarted started:
                Persist(new RunBegan(started.Run.Reason, started.Run.StartedAt), began =>
                {
                    Apply(began);
                    ScheduleNext();
                    answered.ReplyTo.Tell(new RunAccepted(_account, began.Reason, began.At, Node));
                });
                break;
            case RunnerProtocol.RunRefused refused:
                ScheduleAfterMissedRun(answered.Reason);
                answered.ReplyTo.Tell(new RunRefused(_account, refused.Going is { } going ? View(going) : null, null));
                break;
            default:
                ScheduleAfterMissedRun(answered.Reason);
                var error = answered.Answer is Exception e ? e.Message : $"unexpected answer {answered.Answer.GetType().Name}";
                answered.ReplyTo.Tell(new RunRefused(_account, null, $"The account's runner did not answer: {error}"));
                break;
        }
    }

    /// <summary>A scheduled run that did not start (one was going, the runner did not answer) is due again one period on.</summary>
    private void ScheduleAfterMissedRun(string reason)
    {
        if (reason != ScheduleDue.Reason) return;
        _scheduleRefusedAt = DateTimeOffset.UtcNow;
        ScheduleNext();
    }

    private void OnRunFinished(EntityRunWatcher.RunFinishedNotice notice)
    {
        var finished = notice.Finished;
        // Only the run journaled as begun is journaled as finished: a run's start and a refused ask may cross.
        if (_state.Unfinished?.At != finished.Run.StartedAt) return;
        // A run cancelled by a hand-over stays unfinished in the journal: the next owner resumes it.
        if (_handingOver && finished.End == RunEnd.Cancelled) return;
        Persist(new RunFinished(finished.EndLabel, finished.FinishedAt, View(finished)), Apply);
    }

    private void SetStreamPaused(SetPaused set)
    {
        var sender = Sender;
        if (_runner is null || _definition!.Request.Streams.All(s => s.Name != set.Stream))
        {
            sender.Tell(new PauseSet(_account, set.Stream, set.Paused, Known: false, AppliedToRun: false));
            return;
        }
        if (_state.Paused.Contains(set.Stream) == set.Paused)
        {
            ForwardPause(set, sender);
            return;
        }
        Persist(new StreamPauseChanged(set.Stream, set.Paused), changed =>
        {
            Apply(changed);
            ForwardPause(set, sender);
        });
    }

    private void ForwardPause(SetPaused set, IActorRef replyTo) =>
        _runner!.Ask<RunnerProtocol.PauseSet>(new RunnerProtocol.SetPaused(set.Stream, set.Paused), _services.AskTimeout)
            .PipeTo(replyTo,
                success: p => new PauseSet(_account, p.Stream, p.Paused, p.Known, p.AppliedToRun),
                failure: _ => new PauseSet(_account, set.Stream, set.Paused, Known: true, AppliedToRun: false));

    private void ReplyStatus(IActorRef replyTo)
    {
        if (_runner is null)
        {
            replyTo.Tell(new StatusReport(_account, Node, null, _state.LastFinished, [.. _state.Paused], null, NotConfigured));
            return;
        }
        var (account, node, nextDue, paused, runner, limiter, timeout) =
            (_account, Node, _nextDue, _state.Paused.ToList(), _runner, _rateLimiter, _services.AskTimeout);
        // This member's runner knows only its own runs; before its first has ended, the journal's last run is the last.
        var journaled = _state.LastFinished;
        ReportAsync().PipeTo(replyTo);

        // Off the actor's thread: only the values copied above are read.
        async Task<StatusReport> ReportAsync()
        {
            var limiterStatus = limiter?.StatusOrNullAsync(timeout, CancellationToken.None) ?? Task.FromResult<RateLimiterProtocol.LimiterStatus?>(null);
            try
            {
                var s = await runner.Ask<RunnerProtocol.AccountStatus>(RunnerProtocol.GetStatus.Instance, timeout);
                var views = s.Current?.Observer as IStreamViews;
                return new StatusReport(account, node, s.Current is { } c ? View(c) : null, s.Last is { } l ? View(l) : journaled,
                    s.PausedStreams, nextDue, null, views?.Snapshot(DateTimeOffset.UtcNow), await limiterStatus, views?.Records() ?? 0);
            }
            catch (Exception e)
            {
                return new StatusReport(account, node, null, journaled, paused, nextDue, $"The account's runner did not answer: {e.Message}",
                    null, await limiterStatus);
            }
        }
    }

    private void StopAndPassivate(StopRuns stop)
    {
        if (_runner is null)
        {
            Sender.Tell(new RunsStopped(_account, null));
            Context.Parent.Tell(new Passivate(HandOff.Instance));
            return;
        }
        var sender = Sender;
        _runner.Ask<RunnerProtocol.RunsStopped>(RunnerProtocol.StopRuns.Instance, StopTimeout)
            .PipeTo(Self, success: s => new RunnerStopped(s, sender), failure: _ => new RunnerStopped(null, sender));
    }

    /// <summary>The cancelled run's end was journaled before this (the runner tells its watcher first): passivate, leaving nothing to resume.</summary>
    private void OnRunnerStopped(RunnerStopped stopped)
    {
        stopped.ReplyTo.Tell(new RunsStopped(_account, stopped.Answer?.Cancelled is { } c ? View(c) : null));
        Timers.Cancel(ScheduleTimer);
        Context.Parent.Tell(new Passivate(HandOff.Instance));
    }

    /// <summary>
    /// The shard moves (or the entity passivates). First the key's RateLimiter grants nothing more and every request it
    /// granted is answered: cancelling them instead would not call back what is already on its way, and a request that
    /// reaches Paystack after the next owner's first window began shares a window with that owner's grants. Then the
    /// run going is cancelled and its end awaited before the entity stops, so none of its journal writes can land after
    /// the next owner has taken the account over.
    /// </summary>
    private void HandOver()
    {
        if (_handingOver) return;
        _handingOver = true;
        Timers.Cancel(ScheduleTimer);
        if (_runner is null || _rateLimiter is null)
        {
            Context.Stop(Self);
            return;
        }
        _log.Info("Account {0} handing over on node {1} (entity {2}): its requests on their way are awaited, then its run is cancelled",
            _account, Node, Self.Path.Uid);
        _rateLimiter.Ask<RateLimiterProtocol.Drained>(RateLimiterProtocol.Drain.Instance, HandOverTimeout)
            .PipeTo(Self, success: d => new LimiterDrained(d), failure: _ => new LimiterDrained(null));
    }

    private void OnLimiterDrained(LimiterDrained drained)
    {
        if (drained.Answer is null)
            _log.Warning("Account {0}: requests of its key were still unanswered {1} s into its hand-over; its run is cancelled anyway",
                _account, HandOverTimeout.TotalSeconds);
        _runner!.Ask<RunnerProtocol.RunsStopped>(RunnerProtocol.StopRuns.Instance, HandOverTimeout)
            .PipeTo(Self, success: _ => HandedOver.Instance, failure: _ => HandedOver.Instance);
    }

    private void OnScheduleDue()
    {
        if (_nextDue is { } due && due <= DateTimeOffset.UtcNow) AskRunner(ScheduleDue.Reason, ActorRefs.Nobody);
        else ScheduleNext();
    }

    private void ScheduleNext()
    {
        Timers.Cancel(ScheduleTimer);
        if (_handingOver) return;
        var now = DateTimeOffset.UtcNow;
        _nextDue = _state.NextDue(_definition?.NextRunAfter, now, _scheduleRefusedAt, _services.FirstRunAtStart);
        if (_nextDue is not { } due) return;
        var delay = due - now;
        if (delay <= TimeSpan.Zero) Self.Tell(ScheduleDue.Instance);
        else Timers.StartSingleTimer(ScheduleTimer, ScheduleDue.Instance, delay < MaxTimerDelay ? delay : MaxTimerDelay);
    }

    private void Apply(IAccountEvent e)
    {
        _state = _state.Apply(e);
        if (LastSequenceNr % _services.SnapshotInterval == 0) SaveSnapshot(AccountEntitySnapshot.Of(_state));
    }

    private static RunView View(AccountRun run) => new(run.Reason, run.StartedAt, run.RunId);

    private static FinishedRunView View(FinishedRun run) => new(
        View(run.Run), run.EndLabel, run.FinishedAt, run.Outcome?.Streams.Sum(s => s.Stats.Records) ?? 0, run.Error);

    /// <summary>
    /// Stops the entity: sharding's hand-off message (the shard moves) and passivation's. The runner's run is cancelled
    /// and awaited first, and not journaled as finished, so the next owner resumes it.
    /// </summary>
    public sealed class HandOff : INoSerializationVerificationNeeded
    {
        public static HandOff Instance { get; } = new();
        private HandOff() { }
    }

    /// <summary>The run cancelled by a hand-over has ended (or did not within <see cref="HandOverTimeout"/>).</summary>
    private sealed class HandedOver : INoSerializationVerificationNeeded
    {
        public static HandedOver Instance { get; } = new();
        private HandedOver() { }
    }

    /// <summary>Every request granted by the entity's RateLimiter was answered (null: not within <see cref="HandOverTimeout"/>).</summary>
    private sealed record LimiterDrained(RateLimiterProtocol.Drained? Answer) : INoSerializationVerificationNeeded;

    private sealed class ScheduleDue : INoSerializationVerificationNeeded
    {
        public const string Reason = "schedule";
        public static ScheduleDue Instance { get; } = new();
        private ScheduleDue() { }
    }

    private sealed record RunnerAnswered(string Reason, object Answer, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private sealed record RunnerStopped(RunnerProtocol.RunsStopped? Answer, IActorRef ReplyTo) : INoSerializationVerificationNeeded;
}
