using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Cluster;

/// <summary>Tells the account entity how each run of its runner ended (so it can journal it), and hands on to the node's own watcher.</summary>
internal sealed class EntityRunWatcher(IActorRef entity, IRunWatcher? inner) : IRunWatcher
{
    public ISyncObserver RunStarting(string reason, SyncJob job) => inner?.RunStarting(reason, job) ?? SilentObserver.Instance;

    public void PauseChanged(AccountRun run, string stream, bool paused) => inner?.PauseChanged(run, stream, paused);

    public void RunFinished(FinishedRun finished)
    {
        inner?.RunFinished(finished);
        entity.Tell(new RunFinishedNotice(finished));
    }

    public void RunnerStopped() => inner?.RunnerStopped();

    /// <summary>Local to the entity's node: carries the run's observer and exception.</summary>
    internal sealed record RunFinishedNotice(FinishedRun Finished) : INoSerializationVerificationNeeded, IDeadLetterSuppression;

    private sealed class SilentObserver : ISyncObserver
    {
        public static SilentObserver Instance { get; } = new();
    }
}
