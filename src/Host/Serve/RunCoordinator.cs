using System.Diagnostics;
using Akka.Actor;
using Paystack.Actors.Airbyte;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Engine;
using Paystack.Actors.Monitoring;
using Paystack.Actors.Paystack;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Fetching;
using Paystack.Actors.Sync.Supervisor;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Serilog;
using SyncMode = Paystack.Actors.State.SyncMode;

namespace Paystack.Host.Serve;

/// <summary>
/// Runs the service's syncs one at a time: a run asked for while one is going is refused (the schedule logs it as
/// skipped). Remembers which streams are paused, pausing them at the start of every run, and answers status questions.
/// </summary>
internal sealed class RunCoordinator
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private readonly SyncEngine _engine;
    private readonly EngineRuntime _runtime;
    private readonly SourceConfig _source;
    private readonly SyncRequest _request;
    private readonly ServeOptions _options;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly SortedSet<string> _paused = new(StringComparer.Ordinal);
    private ActiveRun? _active;
    private (AdminModels.RunInfo Info, StreamStatusObserver Streams)? _last;
    private bool _stopping;

    public RunCoordinator(EngineRuntime runtime, ServeOptions options)
    {
        _runtime = runtime;
        _engine = runtime.Engine;
        _request = options.Sync.Request;
        _source = _request.Source;
        _options = options;
        _log = runtime.Logger.ForContext("SourceContext", "Paystack.Serve");
        AccountId = Actors.Sync.AccountId.FromSecretKey(_source.SecretKey);
    }

    public string AccountId { get; }

    public ActorSystem System => _engine.System;

    /// <summary>When the schedule starts the next run; kept up to date by the schedule.</summary>
    public DateTimeOffset? NextRun { get; set; }

    /// <summary>The last run ended because the journal could not be written or read.</summary>
    public bool LastRunFailed => _last?.Info.State == "failed";

    /// <summary>Starts a run now unless one is going; <paramref name="run"/> describes the started or the going run.</summary>
    public bool TryStart(string reason, out AdminModels.RunInfo? run)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                run = null;
                return false;
            }
            if (_active is { } going)
            {
                run = going.Info(DateTimeOffset.UtcNow);
                return false;
            }
            var job = BuildJob();
            var active = new ActiveRun(reason, DateTimeOffset.UtcNow, new StreamStatusObserver(job.Streams));
            _active = active;
            // The engine creates the run's supervisor before its first await, so it exists once this lock is released.
            active.Completion = RunToEndAsync(active, job);
            run = active.Info(DateTimeOffset.UtcNow);
            return true;
        }
    }

    /// <summary>Cancels the run that is going (its journal stays consistent) and waits for it; no run starts afterwards.</summary>
    public async Task StopAsync()
    {
        ActiveRun? run;
        lock (_gate)
        {
            _stopping = true;
            run = _active;
        }
        if (run is null) return;
        _log.Information("Stopping: cancelling the run started {StartedAt:u}; the next start resumes it", run.StartedAt);
        await run.Cancellation.CancelAsync();
        await run.Completion;
    }

    /// <summary>The run that is going, if any; for tests and shutdown.</summary>
    public Task? CurrentRun
    {
        get { lock (_gate) return _active?.Completion; }
    }

    public IReadOnlyList<string> StreamNames => _request.Streams.Select(s => s.Name).ToList();

    /// <returns>Null when the service does not sync a stream of that name.</returns>
    public async Task<AdminModels.PauseResult?> SetPausedAsync(string stream, bool paused, CancellationToken cancellationToken)
    {
        if (!_request.Streams.Any(s => s.Name == stream)) return null;
        ActiveRun? run;
        lock (_gate)
        {
            if (paused) _paused.Add(stream);
            else _paused.Remove(stream);
            run = _active;
            run?.Streams.SetPaused(stream, paused);
        }
        _log.Information("Stream {Stream} {Change} by the admin endpoint", stream, paused ? "paused" : "resumed");
        if (run is null || await SupervisorAsync(run, cancellationToken) is not { } supervisor)
            return new AdminModels.PauseResult(stream, paused, AppliedToRun: false);

        object command = paused ? new SyncSupervisorProtocol.PauseStream(stream) : new SyncSupervisorProtocol.ResumeStream(stream);
        var state = await supervisor.Ask<SyncSupervisorProtocol.PauseState>(command, AskTimeout, cancellationToken);
        return new AdminModels.PauseResult(stream, paused, state.Known);
    }

    public async Task<AdminModels.Status> StatusAsync(CancellationToken cancellationToken)
    {
        ActiveRun? run;
        (AdminModels.RunInfo Info, StreamStatusObserver Streams)? last;
        string[] paused;
        lock (_gate)
        {
            run = _active;
            last = _last;
            paused = [.. _paused];
        }
        var now = DateTimeOffset.UtcNow;
        var streams = (run?.Streams ?? last?.Streams ?? new StreamStatusObserver(BuildJob().Streams)).Snapshot(now);
        return new AdminModels.Status(
            AccountId, _options.Schedule.Description, NextRun, run?.Info(now), last?.Info, paused,
            await LimiterAsync(cancellationToken), streams);
    }

    private async Task<AdminModels.LimiterView?> LimiterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var limiter = _engine.RateLimiterFor(AccountId, _source.SecretKey);
            var s = await limiter.Ask<RateLimiterProtocol.LimiterStatus>(RateLimiterProtocol.GetStatus.Instance, AskTimeout, cancellationToken);
            return new AdminModels.LimiterView(s.Limit, s.Period.TotalSeconds, s.Granted, s.Waiting, s.SlotsInUse, s.PausedUntil,
                s.Throttled, Math.Round(s.TotalWait.TotalSeconds, 3));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The supervisor of the engine's one job; found by name, as this service runs one job at a time.</summary>
    private async Task<IActorRef?> SupervisorAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        if (run.Supervisor is { } known) return known;
        try
        {
            var identity = await _engine.System.ActorSelection("/user/sync-*")
                .Ask<ActorIdentity>(new Identify(null), AskTimeout, cancellationToken);
            return run.Supervisor = identity.Subject;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private SyncJob BuildJob() => SyncJobs.For(_request, _paused);

    private async Task RunToEndAsync(ActiveRun run, SyncJob job)
    {
        var clock = Stopwatch.StartNew();
        string state;
        string? error = null, runId = null;
        IDestination? destination = null;
        try
        {
            destination = DestinationFactory.Create(_request.Destination);
            var clientOptions = _engine.ClientOptionsFor(_source);
            var pending = _engine.RunAsync(job, clientOptions, destination,
                new CompositeSyncObserver(run.Streams, new MetricsObserver()), run.Cancellation.Token);
            _log.Information("Run started ({Reason}): {Streams} into {Destination}, {Mode}, {SyncMode}",
                run.Reason, string.Join(",", job.Streams.Select(s => s.Stream.Name)), _request.Destination.ToString(),
                _request.WriteMode.ToString(), _request.Mode == SyncMode.FullRefresh ? "full refresh" : "incremental");
            var outcome = await pending;
            runId = outcome.RunId;
            state = outcome.Succeeded ? "succeeded" : "failed";
            var failed = outcome.Streams.Where(s => !s.Succeeded).ToList();
            if (failed.Count > 0) error = string.Join("; ", failed.Select(s => $"{s.Stream}: {s.Error}"));
            _log.Information("Run {RunId} {State} in {Seconds:F1} s: {Records} records",
                runId, state, clock.Elapsed.TotalSeconds, outcome.Streams.Sum(s => s.Stats.Records));
        }
        catch (DestinationBusyException busy)
        {
            state = "skipped";
            error = busy.Message;
            _log.Warning("Run skipped: {Reason}", busy.Message);
        }
        catch (OperationCanceledException)
        {
            state = "cancelled";
            _log.Warning("Run cancelled after {Seconds:F1} s; its journal holds every durable page and the next run resumes it",
                clock.Elapsed.TotalSeconds);
        }
        catch (Exception failure)
        {
            state = "failed";
            error = failure.Message;
            _log.Error(failure, "Run failed: {Message}", failure.Message);
        }
        finally
        {
            if (destination is not null)
            {
                try { await destination.DisposeAsync(); }
                catch (Exception closing) { _log.Warning("Closing the destination failed: {Message}", closing.Message); }
            }
        }

        SyncMetrics.RunFinished(state, clock.Elapsed);
        var info = new AdminModels.RunInfo(runId, run.Reason, run.StartedAt, DateTimeOffset.UtcNow, state,
            Math.Round(clock.Elapsed.TotalSeconds, 3), run.Streams.Records(), error);
        lock (_gate)
        {
            _last = (info, run.Streams);
            if (_active == run) _active = null;
        }
    }

    private sealed class ActiveRun(string reason, DateTimeOffset startedAt, StreamStatusObserver streams)
    {
        public string Reason { get; } = reason;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public StreamStatusObserver Streams { get; } = streams;
        public CancellationTokenSource Cancellation { get; } = new();
        public Task Completion { get; set; } = Task.CompletedTask;
        public IActorRef? Supervisor { get; set; }

        public AdminModels.RunInfo Info(DateTimeOffset now) => new(null, Reason, StartedAt, null, "running",
            Math.Round((now - StartedAt).TotalSeconds, 3), Streams.Records(), null);
    }
}
