using Akka.Actor;
using Paystack.Actors.Engine;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync.Fetching;
using Paystack.Host.Admin;
using Paystack.Host.Admin.Health;
using Paystack.Host.Serve.Accounts;
using Serilog;
using static Paystack.Actors.Runs.AccountRunnerProtocol;

namespace Paystack.Host.Serve;

/// <summary>
/// Serve's line to one account's <see cref="AccountRunner"/>, which keeps the rules (one run at a time, the paused
/// streams): asks it to start runs, pause and resume streams and report, and turns its answers into the admin
/// endpoint's models. One per account served (<see cref="Accounts.ServeAccounts"/>).
/// </summary>
internal sealed class RunCoordinator
{
    /// <summary>The runner answers at once; a pause waits for the running job's supervisor (3 s at most).</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A cancelled run stops its supervisor and Sink within 10 s each (<c>SyncEngine</c>); this bounds the whole wait.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A run let finish before its account is changed or removed may take as long as the engine lets a run go.</summary>
    private static readonly TimeSpan FinishTimeoutBeyondRunTimeout = TimeSpan.FromMinutes(2);

    private readonly SyncEngine _engine;
    private readonly SyncRequest _request;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeSpan _runTimeout;
    private readonly ILogger _log;

    /// <param name="stallTimeout">engine.stall-timeout: how long a stream may go without progress before readiness names it.</param>
    /// <param name="runTimeout">engine.run-timeout: the longest a run goes, hence the longest <see cref="FinishAsync"/> waits.</param>
    public RunCoordinator(SyncEngine engine, ServeAccount account, TimeSpan stallTimeout, TimeSpan runTimeout, ILogger log)
    {
        _engine = engine;
        _request = account.Request;
        _stallTimeout = stallTimeout;
        _runTimeout = runTimeout;
        _log = log.ForContext("SourceContext", "Paystack.Serve");
        Account = account;
        AccountId = _request.Source.AccountId;
        _engine.StartAccountRunner(_request, new ServeRunWatcher(_request, _log));
    }

    public ServeAccount Account { get; }

    public string AccountId { get; }

    public ActorSystem System => _engine.System;

    /// <summary>When the schedule starts the next run; kept up to date by the schedule.</summary>
    public DateTimeOffset? NextRun { get; set; }

    public IReadOnlyList<string> StreamNames => _request.Streams.Select(s => s.Name).ToList();

    private IActorRef Runner => _engine.Actors.AccountRunner(AccountId)
        ?? throw new InvalidOperationException($"The engine has no runner for account {AccountId}.");

    /// <summary>Starts a run now unless one is going; <c>Run</c> is the started or the going run (null: shutting down).</summary>
    public async Task<(bool Started, AdminModels.RunInfo? Run)> TryStartAsync(string reason, CancellationToken cancellationToken)
    {
        var answer = await Runner.Ask(new StartRun(reason), AskTimeout, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return answer switch
        {
            RunStarted started => (true, Going(started.Run, now)),
            RunRefused { Going: { } going } => (false, Going(going, now)),
            RunRefused => (false, null),
            _ => throw new InvalidOperationException($"The runner answered {answer.GetType().Name} to StartRun."),
        };
    }

    /// <summary>Cancels the run that is going (its journal stays consistent) and waits for it; no run starts afterwards.</summary>
    public async Task StopAsync()
    {
        // The actor system ended first (its host then stops serve): no run is left, and no runner to answer.
        if (_engine.System.WhenTerminated.IsCompleted) return;
        var status = await Runner.Ask<AccountStatus>(GetStatus.Instance, AskTimeout);
        if (status.Current is { } going)
            _log.Information("Stopping: cancelling the run started {StartedAt:u}; the next start resumes it", going.StartedAt);
        // A stopped actor system answers nothing; there is no run left to wait for then.
        var stopped = Runner.Ask<RunsStopped>(StopRuns.Instance, StopTimeout);
        await Task.WhenAny(stopped, _engine.System.WhenTerminated);
        if (stopped.IsFaulted && stopped.Exception?.InnerException is AskTimeoutException)
            _log.Warning("The run did not stop within {Seconds} s; stopping anyway (the next start resumes from the journal)", StopTimeout.TotalSeconds);
    }

    /// <summary>
    /// Lets the run going finish (a changed or removed account: its run ends with the settings it started with), starts
    /// no more, and stops the account's runner and rate limiter, so the account can be started again.
    /// </summary>
    public async Task FinishAsync()
    {
        var status = await Runner.Ask<AccountStatus>(GetStatus.Instance, AskTimeout);
        if (status.Current is { } going)
            _log.Information("Account {Account}: letting the run started {StartedAt:u} finish before its runner stops", AccountId, going.StartedAt);
        var finished = Runner.Ask<RunsStopped>(FinishRuns.Instance, _runTimeout + FinishTimeoutBeyondRunTimeout);
        await Task.WhenAny(finished, _engine.System.WhenTerminated);
        if (_engine.System.WhenTerminated.IsCompleted) return;
        await _engine.StopAccountRunnerAsync(AccountId);
    }

    /// <summary>Whether a run is going now (work that comes before a reconciliation).</summary>
    public async Task<bool> IsRunGoingAsync(CancellationToken cancellationToken) =>
        (await Runner.Ask<AccountStatus>(GetStatus.Instance, AskTimeout, cancellationToken)).Current is not null;

    /// <returns>Null when the service does not sync a stream of that name.</returns>
    public async Task<AdminModels.PauseResult?> SetPausedAsync(string stream, bool paused, CancellationToken cancellationToken)
    {
        var set = await Runner.Ask<PauseSet>(new SetPaused(stream, paused), AskTimeout, cancellationToken);
        if (!set.Known) return null;
        _log.Information("Stream {Stream} {Change} by the admin endpoint", stream, paused ? "paused" : "resumed");
        return new AdminModels.PauseResult(stream, paused, set.AppliedToRun);
    }

    public async Task<AdminModels.Status> StatusAsync(CancellationToken cancellationToken)
    {
        var status = await Runner.Ask<AccountStatus>(GetStatus.Instance, AskTimeout, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var streams = (status.Current ?? status.Last?.Run)?.Observer as StreamStatusObserver
            ?? new StreamStatusObserver(SyncJobs.For(_request, status.PausedStreams.ToHashSet()).Streams);
        return new AdminModels.Status(
            AccountId, Account.Schedule.Description, NextRun,
            status.Current is { } current ? Going(current, now) : null,
            status.Last is { } last ? Ended(last) : null,
            status.PausedStreams, await LimiterAsync(cancellationToken), streams.Snapshot(now));
    }

    /// <summary>
    /// Why the service cannot sync now, for <c>GET /healthz/ready</c>: a key Paystack paused for longer than max-pause,
    /// or a run whose streams made no progress for longer than the engine's stall-timeout.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var now = DateTimeOffset.UtcNow;
        var limiter = await LimiterAsync(cancellationToken);
        if (limiter?.RefusedUntil is { } until && until > now)
            problems.Add(ReadinessProblems.KeyPaused(until));
        var status = await Runner.Ask<AccountStatus>(GetStatus.Instance, AskTimeout, cancellationToken);
        if (status.Current?.Observer is StreamStatusObserver streams)
            problems.AddRange(streams.Stalled(now, _stallTimeout));
        return problems;
    }

    /// <summary>The engine's live actors, for <c>GET /admin/actors</c>.</summary>
    public Task<IReadOnlyList<string>> LiveActorsAsync(int maxDepth, CancellationToken cancellationToken) =>
        _engine.LiveActorsAsync(maxDepth, cancellationToken);

    private async Task<AdminModels.LimiterView?> LimiterAsync(CancellationToken cancellationToken)
    {
        var limiter = _engine.RateLimiterFor(AccountId, _request.Source.SecretKey);
        return await limiter.StatusOrNullAsync(AskTimeout, cancellationToken) is { } status ? AdminModels.LimiterView.Of(status) : null;
    }

    private static AdminModels.RunInfo Going(AccountRun run, DateTimeOffset now) => new(
        run.RunId, run.Reason, run.StartedAt, null, "running", Math.Round((now - run.StartedAt).TotalSeconds, 3), Records(run), null);

    private static AdminModels.RunInfo Ended(FinishedRun finished) => new(
        finished.Run.RunId, finished.Run.Reason, finished.Run.StartedAt, finished.FinishedAt, finished.EndLabel,
        Math.Round(finished.Duration.TotalSeconds, 3), Records(finished.Run), finished.Error);

    /// <summary>Records this run wrote, counted by the stream view serve gave it (<see cref="ServeRunWatcher"/>).</summary>
    private static long Records(AccountRun run) => (run.Observer as StreamStatusObserver)?.Records() ?? 0;
}
