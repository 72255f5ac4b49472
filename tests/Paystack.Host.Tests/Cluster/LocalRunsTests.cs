using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Runs;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Cluster;

namespace Paystack.Host.Tests.Cluster;

/// <summary>What a cluster member's readiness knows of the runs going on it.</summary>
public sealed class LocalRunsTests
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset PastTheTimeout = DateTimeOffset.UtcNow + StallTimeout + TimeSpan.FromSeconds(5);

    [Fact]
    public void A_stream_of_a_run_here_with_no_progress_past_the_stall_timeout_is_named_until_the_run_ends()
    {
        var runs = new LocalRuns();
        var watcher = runs.Watching("shop-1", new StreamsWatcher());
        var job = Job("customers");
        var observer = watcher.RunStarting("schedule", job);

        Assert.Empty(runs.Stalled(DateTimeOffset.UtcNow, StallTimeout));
        var problem = Assert.Single(runs.Stalled(PastTheTimeout, StallTimeout));
        Assert.StartsWith("account shop-1: stream customers has made no progress", problem);

        var run = new AccountRun("schedule", DateTimeOffset.UtcNow, job, observer);
        watcher.RunFinished(new FinishedRun(run, RunEnd.Failed, DateTimeOffset.UtcNow, null, "boom", null));
        Assert.Empty(runs.Stalled(PastTheTimeout, StallTimeout));
    }

    [Fact]
    public void A_runner_stopped_with_its_run_going_takes_the_run_away_and_leaves_the_run_of_the_account_s_next_runner()
    {
        var runs = new LocalRuns();
        var stopped = runs.Watching("shop-1", new StreamsWatcher());
        stopped.RunStarting("schedule", Job("customers"));
        // The account's entity starts again on this member (a restart) before the old runner's stop is heard.
        var next = runs.Watching("shop-1", new StreamsWatcher());
        next.RunStarting("resumed: schedule", Job("transactions"));

        stopped.RunnerStopped();

        Assert.Contains("stream transactions", Assert.Single(runs.Stalled(PastTheTimeout, StallTimeout)));
        next.RunnerStopped();
        Assert.Empty(runs.Stalled(PastTheTimeout, StallTimeout));
    }

    private static SyncJob Job(string stream) =>
        new("acct", DateTimeOffset.UnixEpoch, 0, [new StreamSelection(StreamCatalog.Get(stream), SyncMode.Incremental, WriteMode.AppendDedup)]);

    /// <summary>serve's watcher as far as readiness is concerned: a stream status per run.</summary>
    private sealed class StreamsWatcher : IRunWatcher
    {
        public ISyncObserver RunStarting(string reason, SyncJob job) => new StreamStatusObserver(job.Streams);
    }
}
