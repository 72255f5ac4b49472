using Paystack.Actors.Sync;

namespace Paystack.Actors.Runs;

/// <summary>
/// What the owner of an <see cref="AccountRunner"/> hears of its runs (to log them, show them). Calls come from the
/// runner, one at a time, so a watcher needs no locking for them; each must return quickly and must not throw (the
/// runner would be restarted and forget the run going and the paused streams).
/// </summary>
public interface IRunWatcher
{
    /// <summary>A run of <paramref name="job"/> is starting; the observer returned watches its streams.</summary>
    ISyncObserver RunStarting(string reason, SyncJob job);

    /// <summary>A stream was paused or resumed while <paramref name="run"/> was going (the run was told).</summary>
    void PauseChanged(AccountRun run, string stream, bool paused) { }

    void RunFinished(FinishedRun finished) { }

    /// <summary>
    /// The runner has stopped (its owner stopped it, or the actor system is going down): no run of it goes on, and a
    /// run it had going was cancelled without a <see cref="RunFinished"/>.
    /// </summary>
    void RunnerStopped() { }
}
