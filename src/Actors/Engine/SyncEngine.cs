using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Fetching;
using Paystack.Actors.Sync.Stream;
using Paystack.Actors.Sync.Supervisor;
using Paystack.Actors.Sync.Writing;

namespace Paystack.Actors.Engine;

/// <summary>
/// The engine as a library: runs sync jobs on an ActorSystem its host built and owns (serve's web host, or
/// <see cref="Hosting.EngineHost"/> for a verb). It keeps one RateLimiter per account for its whole life, so every job,
/// stream and fetcher of a key shares one budget.
/// </summary>
public sealed class SyncEngine
{
    private static readonly TimeSpan IdentifyTimeout = TimeSpan.FromSeconds(3);

    private readonly SyncSettings _settings;
    private readonly Func<PaystackClientOptions, IRequestGate, IPaystackClient> _clientFactory;

    /// <summary>The system the engine runs on; its host owns it (see <see cref="Hosting.EngineServiceCollectionExtensions.AddPaystackEngine"/>).</summary>
    public ActorSystem System { get; }

    /// <summary>The actors the engine started, found by account or run.</summary>
    public EngineActors Actors { get; } = new();

    /// <param name="system">Configured by <see cref="Hosting.EngineAkkaBuilderExtensions.WithPaystackEngine"/>: journal, serializers, logging.</param>
    /// <param name="clientFactory">Builds the HTTP client of an account around the gate of its RateLimiter.</param>
    public SyncEngine(
        SyncSettings settings,
        ActorSystem system,
        Func<PaystackClientOptions, IRequestGate, IPaystackClient> clientFactory)
    {
        _settings = settings;
        _clientFactory = clientFactory;
        System = system;
    }

    /// <summary>How long a supervisor that stopped without an outcome is given to turn out part of the system's termination.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs one job to its end and returns every stream's outcome. Cancelling stops the job; its journal stays consistent.
    /// The destination's lease is held for the whole run, so no other run of the account writes it meanwhile.
    /// </summary>
    /// <exception cref="Destinations.Progress.DestinationBusyException">Another run holds the lease after <see cref="SyncJob.LeaseWait"/>.</exception>
    public Task<SyncOutcome> RunAsync(
        SyncJob job,
        PaystackClientOptions clientOptions,
        IDestination destination,
        ISyncObserver? observer = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(job, clientOptions, destination, observer, started: null, rateLimiter: null, cancellationToken);

    /// <param name="started">Told once the job's supervisor has its job, before any stream runs.</param>
    /// <param name="rateLimiter">The key's RateLimiter; the engine's own one of the account when null.</param>
    private async Task<SyncOutcome> RunAsync(
        SyncJob job,
        PaystackClientOptions clientOptions,
        IDestination destination,
        ISyncObserver? observer,
        Action<RunningJob>? started,
        IActorRef? rateLimiter,
        CancellationToken cancellationToken)
    {
        await using var lease = await destination.LeaseAsync(job.AccountId, job.LeaseWait, cancellationToken);
        job = job with { DestinationId = lease.DestinationId };
        var runId = NewRunId();
        rateLimiter ??= RateLimiterFor(job.AccountId, clientOptions.SecretKey);
        var client = _clientFactory(clientOptions, new RateLimiterGate(rateLimiter));
        var sink = System.ActorOf(Sink.Props(destination), $"sink-{runId}");
        var supervisor = System.ActorOf(
            SyncSupervisor.Props(
                _settings.Engine,
                (job, stream) => StreamActor.Props(job, stream, _settings.Engine, client, rateLimiter, sink),
                observer ?? NoObserver.Instance),
            $"sync-{runId}");
        var running = new RunningJob(runId, job, supervisor, sink);
        Actors.JobStarted(running);
        using var watching = new CancellationTokenSource();
        try
        {
            var outcome = supervisor.Ask<SyncOutcome>(
                new SyncSupervisorProtocol.RunJob(job, runId, DateTimeOffset.UtcNow), _settings.Engine.RunTimeout, cancellationToken);
            started?.Invoke(running);
            return await OutcomeAsync(outcome, supervisor.WatchAsync(watching.Token));
        }
        finally
        {
            await watching.CancelAsync();
            await StopAsync(supervisor);
            await StopAsync(sink);
            Actors.JobEnded(runId);
            (client as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The job's outcome, or why there is none: the engine stopped (cancelled, its journal as it stood), the supervisor
    /// died without answering, or the run outlived <c>engine.run-timeout</c>. Every way out is bounded.
    /// </summary>
    private async Task<SyncOutcome> OutcomeAsync(Task<SyncOutcome> outcome, Task<bool> supervisorStopped)
    {
        await Task.WhenAny(outcome, supervisorStopped, System.WhenTerminated);
        // A terminating system stops the supervisor just before it ends itself: give the system a moment to say so.
        if (!outcome.IsCompleted && supervisorStopped.IsCompleted)
            await Task.WhenAny(outcome, System.WhenTerminated, Task.Delay(TerminationGrace));
        if (outcome.IsCompletedSuccessfully) return outcome.Result;
        if (System.WhenTerminated.IsCompleted)
            throw new OperationCanceledException("The engine stopped before the sync finished; the next run resumes it.");
        if (outcome.IsCompleted)
        {
            try { return await outcome; }
            catch (AskTimeoutException)
            {
                throw new TimeoutException(
                    $"The run was still going after engine.run-timeout ({HoconDuration.Format(_settings.Engine.RunTimeout)}) " +
                    "and was stopped; everything durable is kept and the next run resumes from it.");
            }
        }
        throw new InvalidOperationException("The sync supervisor stopped without an outcome; the next run resumes from the journal.");
    }

    /// <summary>The HTTP client's options for an account: its key and base URL with the engine's HTTP settings.</summary>
    public PaystackClientOptions ClientOptionsFor(SourceConfig source) => _settings.Http.ToClientOptions(source.SecretKey, source.BaseUrl);

    /// <summary>
    /// An HTTP client of the account behind its one RateLimiter, for reads outside a run (webhook re-reads,
    /// reconciliations): they spend the same budget as runs. The caller disposes it.
    /// </summary>
    /// <param name="background">Its requests yield to every other request of the key (a reconciliation).</param>
    public IPaystackClient ClientFor(SourceConfig source, bool background = false) =>
        _clientFactory(ClientOptionsFor(source), new RateLimiterGate(RateLimiterFor(source.AccountId, source.SecretKey), background));

    /// <summary>The one RateLimiter of an account, created on first use and shared by every later job.</summary>
    public IActorRef RateLimiterFor(string accountId, string secretKey) =>
        Actors.RateLimiter(accountId, id => System.ActorOf(RateLimiterProps(secretKey), $"rate-limiter-{id}"));

    /// <summary>
    /// Starts the <see cref="AccountRunner"/> of the request's account (<c>runner-{account}</c>): from then on its runs go
    /// one at a time through it, each into a destination of its own opened from the request. Find it later in <see cref="Actors"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The account has a runner already.</exception>
    public IActorRef StartAccountRunner(SyncRequest request, IRunWatcher watcher)
    {
        var accountId = request.Source.AccountId;
        var clientOptions = ClientOptionsFor(request.Source);
        return Actors.AddAccountRunner(accountId, () => System.ActorOf(
            AccountRunner.Props(request, (job, observer, started, ct) => RunIntoAsync(request.Destination, job, clientOptions, observer, started, null, ct), watcher),
            $"runner-{accountId}"));
    }

    /// <summary>
    /// Stops the account's <see cref="AccountRunner"/> and its RateLimiter (an account no longer served) and forgets
    /// them, so the account can be started again with other settings. Stop its runs first (StopRuns or FinishRuns).
    /// </summary>
    public async Task StopAccountRunnerAsync(string accountId)
    {
        if (Actors.RemoveAccountRunner(accountId) is { } runner) await StopAsync(runner);
        if (Actors.RemoveRateLimiter(accountId) is { } limiter) await StopAsync(limiter);
    }

    /// <summary>
    /// How an <see cref="AccountRunner"/> that is not the engine's own (a cluster's account entity) runs the request's
    /// jobs: each into a destination of its own opened from the request, every request granted by
    /// <paramref name="rateLimiter"/> (see <see cref="RateLimiterProps"/>). The runs' supervisors and sinks are the engine's.
    /// </summary>
    public JobRunner JobRunnerFor(SyncRequest request, IActorRef rateLimiter)
    {
        var clientOptions = ClientOptionsFor(request.Source);
        return (job, observer, started, ct) => RunIntoAsync(request.Destination, job, clientOptions, observer, started, rateLimiter, ct);
    }

    /// <summary>How long a RateLimiter started with holdFirstWindow grants nothing: one period and its margin.</summary>
    public TimeSpan FirstWindowHold => _settings.RateLimits.WidestCountedWindow(_settings.RateLimits.Period);

    /// <summary>A RateLimiter for <paramref name="secretKey"/> with the engine's rate-limit settings, to start where its owner wants it.</summary>
    /// <param name="holdFirstWindow">It grants nothing for its first period (it takes over a key whose earlier grants are unknown).</param>
    public Props RateLimiterProps(string secretKey, bool holdFirstWindow = false) =>
        RateLimiter.Props(_settings.RateLimits.RequestsFor(secretKey), _settings.RateLimits, holdFirstWindow: holdFirstWindow);

    private async Task<SyncOutcome> RunIntoAsync(
        DestinationSpec spec, SyncJob job, PaystackClientOptions clientOptions, ISyncObserver observer, Action<RunningJob> started,
        IActorRef? rateLimiter, CancellationToken cancellationToken)
    {
        var destination = DestinationFactory.Create(spec);
        try
        {
            return await RunAsync(job, clientOptions, destination, observer, started, rateLimiter, cancellationToken);
        }
        finally
        {
            // The run's end is what counts; a destination that fails to close is logged, not made the outcome.
            try { await destination.DisposeAsync(); }
            catch (Exception closing) { System.Log.Warning("Closing the destination {0} failed: {1}", spec, closing.Message); }
        }
    }

    /// <summary>The paths of the engine's live actors, down to <paramref name="maxDepth"/> levels under /user (see <see cref="ActorTree"/>).</summary>
    public Task<IReadOnlyList<string>> LiveActorsAsync(int maxDepth, CancellationToken cancellationToken = default) =>
        ActorTree.LiveAsync(System, Actors, _settings.Engine.FetchersPerStream, maxDepth, IdentifyTimeout, cancellationToken);

    private static string NewRunId() => $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task StopAsync(IActorRef actor)
    {
        try { await actor.GracefulStop(TimeSpan.FromSeconds(10)); }
        catch (TaskCanceledException) { }
        catch (AskTimeoutException) { }
    }

    private sealed class NoObserver : ISyncObserver
    {
        public static NoObserver Instance { get; } = new();
    }
}
