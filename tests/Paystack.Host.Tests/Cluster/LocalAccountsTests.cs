using Akka.Actor;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Runs;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Fetching;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Tests.Cluster;

/// <summary>What a cluster member's readiness knows of the accounts it owns: their keys' limiters and their runs here.</summary>
public sealed class LocalAccountsTests : IAsyncLifetime
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset PastTheTimeout = DateTimeOffset.UtcNow + StallTimeout + TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system = ActorSystem.Create("local-accounts-tests");

    [Fact]
    public async Task A_stream_of_a_run_here_with_no_progress_past_the_stall_timeout_is_named_until_the_run_ends()
    {
        var accounts = new LocalAccounts();
        var watcher = accounts.Watching("shop-1", Limiter(refusedUntil: null), new StreamsWatcher());
        var job = Job("customers");
        var observer = watcher.RunStarting("schedule", job);

        Assert.Empty(await accounts.ProblemsAsync(DateTimeOffset.UtcNow, StallTimeout, default));
        var problem = Assert.Single(await accounts.ProblemsAsync(PastTheTimeout, StallTimeout, default));
        Assert.StartsWith("account shop-1: stream customers has made no progress", problem);

        watcher.RunFinished(new FinishedRun(new AccountRun("schedule", DateTimeOffset.UtcNow, job, observer), RunEnd.Failed, DateTimeOffset.UtcNow, null, "boom", null));
        Assert.Empty(await accounts.ProblemsAsync(PastTheTimeout, StallTimeout, default));
    }

    [Fact]
    public async Task A_key_paused_beyond_max_pause_is_named_whether_or_not_a_run_is_going_until_the_account_leaves()
    {
        var accounts = new LocalAccounts();
        var until = DateTimeOffset.UtcNow.AddDays(1);
        var watcher = accounts.Watching("shop-2", Limiter(until), new StreamsWatcher());
        accounts.Watching("shop-1", Limiter(refusedUntil: null), new StreamsWatcher());

        var problem = Assert.Single(await accounts.ProblemsAsync(DateTimeOffset.UtcNow, StallTimeout, default));
        Assert.StartsWith("account shop-2: Paystack paused the key for longer than max-pause", problem);

        watcher.RunnerStopped(); // the account's entity stopped here (moved, or removed)
        Assert.Empty(await accounts.ProblemsAsync(DateTimeOffset.UtcNow, StallTimeout, default));
    }

    [Fact]
    public async Task A_runner_stopped_with_its_run_going_takes_the_run_away_and_leaves_the_account_s_next_runner_here()
    {
        var accounts = new LocalAccounts();
        var stopped = accounts.Watching("shop-1", Limiter(refusedUntil: null), new StreamsWatcher());
        stopped.RunStarting("schedule", Job("customers"));
        // The account's entity starts again on this member (a restart) before the old runner's stop is heard.
        var next = accounts.Watching("shop-1", Limiter(refusedUntil: null), new StreamsWatcher());
        next.RunStarting("resumed: schedule", Job("transactions"));

        stopped.RunnerStopped();

        Assert.Contains("stream transactions", Assert.Single(await accounts.ProblemsAsync(PastTheTimeout, StallTimeout, default)));
        next.RunnerStopped();
        Assert.Empty(await accounts.ProblemsAsync(PastTheTimeout, StallTimeout, default));
    }

    private IActorRef Limiter(DateTimeOffset? refusedUntil) => _system.ActorOf(Props.Create(() => new StubLimiter(refusedUntil)));

    private static SyncJob Job(string stream) =>
        new("acct", DateTimeOffset.UnixEpoch, 0, [new StreamSelection(StreamCatalog.Get(stream), SyncMode.Incremental, WriteMode.AppendDedup)]);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    /// <summary>serve's watcher as far as readiness is concerned: a stream status per run.</summary>
    private sealed class StreamsWatcher : IRunWatcher
    {
        public ISyncObserver RunStarting(string reason, SyncJob job) => new StreamStatusObserver(job.Streams);
    }

    /// <summary>A key's limiter that answers its status: refusing requests until the time given, or not.</summary>
    private sealed class StubLimiter : ReceiveActor
    {
        public StubLimiter(DateTimeOffset? refusedUntil) =>
            Receive<RateLimiterProtocol.GetStatus>(_ => Sender.Tell(new RateLimiterProtocol.LimiterStatus(
                10, TimeSpan.FromSeconds(1), 0, 0, 0, null, 0, TimeSpan.Zero, 10, null, null, refusedUntil, refusedUntil is null ? 0 : 1)));
    }
}
