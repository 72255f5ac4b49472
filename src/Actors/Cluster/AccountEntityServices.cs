using Akka.Actor;
using Paystack.Actors.Engine;
using Paystack.Actors.Runs;

namespace Paystack.Actors.Cluster;

/// <summary>What every account entity of a node uses: the node's engine and accounts, and how its runs are watched.</summary>
/// <param name="Engine">The node's engine: its ActorSystem is the cluster member the entities live in.</param>
/// <param name="Directory">The node's accounts configuration.</param>
public sealed record AccountEntityServices(SyncEngine Engine, IAccountDirectory Directory)
{
    /// <summary>
    /// How long a run waits for its destination's lease. A run resumed on a new owner may find the lease still held for a
    /// moment by the old owner winding down (a hand-off), or by a process the downing decision has not yet stopped.
    /// </summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the entity waits for its runner's answer to a command.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The watcher of an account's runs on this node (logs, status, metrics, readiness), given the account and its key's
    /// rate limiter here; one per start of the account's entity, told when its runner stops. None when null.
    /// </summary>
    public Func<string, IActorRef, IRunWatcher>? Watchers { get; init; }

    /// <summary>Events between snapshots of an entity's state.</summary>
    public int SnapshotInterval { get; init; } = 100;

    /// <summary>
    /// A scheduled account that has never begun a run has its first due at once, as <c>serve</c> runs an account as soon
    /// as it starts; otherwise at its schedule's first time. An account that has run keeps its schedule wherever its
    /// entity starts again (a move, a restart), and an unfinished run is resumed at once either way.
    /// </summary>
    public bool FirstRunAtStart { get; init; }
}
