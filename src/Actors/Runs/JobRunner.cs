using Paystack.Actors.Engine;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Runs;

/// <summary>
/// Runs one job to its end: how an <see cref="AccountRunner"/> reaches the engine (tests hand it a fake).
/// <paramref name="started"/> is called once the job's supervisor has its job, before any stream runs.
/// </summary>
/// <exception cref="Destinations.Progress.DestinationBusyException">Another run holds the destination's lease.</exception>
/// <exception cref="OperationCanceledException">The run was cancelled.</exception>
public delegate Task<SyncOutcome> JobRunner(
    SyncJob job, ISyncObserver observer, Action<RunningJob> started, CancellationToken cancellationToken);
