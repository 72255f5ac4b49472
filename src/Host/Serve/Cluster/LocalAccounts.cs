using System.Collections.Concurrent;
using Akka.Actor;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;
using Paystack.Actors.Sync.Fetching;
using Paystack.Host.Admin.Health;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// The accounts whose entities live on this cluster member, each with its key's rate limiter and the run it has going,
/// as the entity's run watcher sees them: what the member's readiness reads, as a single serve's reads its own accounts.
/// An account moves with its entity, so each watcher removes only what it added, when its runner stops.
/// </summary>
internal sealed class LocalAccounts
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Here> _here = new(StringComparer.Ordinal);

    /// <summary><paramref name="inner"/>, also keeping <paramref name="account"/> here with its <paramref name="limiter"/> until its runner stops.</summary>
    public IRunWatcher Watching(string account, IActorRef limiter, IRunWatcher inner)
    {
        var here = new Here(limiter);
        _here[account] = here; // the account's entity started (again) on this member
        return new Watcher(this, account, here, inner);
    }

    /// <summary>
    /// Why the accounts here cannot sync now, each naming its account: a key Paystack paused for longer than max-pause,
    /// a stream of a run with no progress for longer than <paramref name="stallTimeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(DateTimeOffset now, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        var accounts = _here.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var limiters = await Task.WhenAll(accounts.Select(a => a.Value.Limiter.StatusOrNullAsync(AskTimeout, cancellationToken)));
        var problems = new List<string>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var (account, here) = accounts[i];
            if (limiters[i]?.RefusedUntil is { } until && until > now)
                problems.Add($"account {account}: {ReadinessProblems.KeyPaused(until)}");
            if (here.Run is { } run)
                problems.AddRange(run.Stalled(now, stallTimeout).Select(problem => $"account {account}: {problem}"));
        }
        return problems;
    }

    private sealed class Here(IActorRef limiter)
    {
        public IActorRef Limiter { get; } = limiter;

        /// <summary>The streams of the run going; written by the runner's calls, read by readiness.</summary>
        public volatile StreamStatusObserver? Run;
    }

    private sealed class Watcher(LocalAccounts accounts, string account, Here here, IRunWatcher inner) : IRunWatcher
    {
        public ISyncObserver RunStarting(string reason, SyncJob job)
        {
            var observer = inner.RunStarting(reason, job);
            here.Run = observer as StreamStatusObserver;
            return observer;
        }

        public void PauseChanged(AccountRun run, string stream, bool paused) => inner.PauseChanged(run, stream, paused);

        public void RunFinished(FinishedRun finished)
        {
            here.Run = null;
            inner.RunFinished(finished);
        }

        public void RunnerStopped()
        {
            here.Run = null;
            accounts._here.TryRemove(new KeyValuePair<string, Here>(account, here));
            inner.RunnerStopped();
        }
    }
}
