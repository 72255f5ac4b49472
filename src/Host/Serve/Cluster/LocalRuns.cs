using System.Collections.Concurrent;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// The runs going on this cluster member, by account, as their watchers see them start and end: what the member's
/// readiness reads to name a run that makes no progress here. An account's runs move with its entity, so each watcher
/// removes only the run it added, when the run ends or its runner stops.
/// </summary>
internal sealed class LocalRuns
{
    private readonly ConcurrentDictionary<string, StreamStatusObserver> _going = new(StringComparer.Ordinal);

    /// <summary><paramref name="inner"/>, also keeping this member's run of <paramref name="account"/> here.</summary>
    public IRunWatcher Watching(string account, IRunWatcher inner) => new Watcher(this, account, inner);

    /// <summary>Each stream of a run here with no progress for longer than <paramref name="stallTimeout"/>, naming its account.</summary>
    public IReadOnlyList<string> Stalled(DateTimeOffset now, TimeSpan stallTimeout) =>
        _going.OrderBy(run => run.Key, StringComparer.Ordinal)
            .SelectMany(run => run.Value.Stalled(now, stallTimeout).Select(problem => $"account {run.Key}: {problem}"))
            .ToList();

    private sealed class Watcher(LocalRuns runs, string account, IRunWatcher inner) : IRunWatcher
    {
        private StreamStatusObserver? _added;

        public ISyncObserver RunStarting(string reason, SyncJob job)
        {
            var observer = inner.RunStarting(reason, job);
            if (observer is StreamStatusObserver streams) runs._going[account] = _added = streams;
            return observer;
        }

        public void PauseChanged(AccountRun run, string stream, bool paused) => inner.PauseChanged(run, stream, paused);

        public void RunFinished(FinishedRun finished)
        {
            Remove();
            inner.RunFinished(finished);
        }

        public void RunnerStopped()
        {
            Remove();
            inner.RunnerStopped();
        }

        private void Remove()
        {
            if (_added is { } added) runs._going.TryRemove(new KeyValuePair<string, StreamStatusObserver>(account, added));
            _added = null;
        }
    }
}
