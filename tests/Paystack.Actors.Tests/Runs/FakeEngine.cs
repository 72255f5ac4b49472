using System.Threading.Channels;
using Akka.Actor;
using Paystack.Actors.Engine;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Runs;

/// <summary>Stands in for the engine behind an AccountRunner: each job it is handed runs until the test ends it.</summary>
internal sealed class FakeEngine
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Channel<FakeRun> _runs = Channel.CreateUnbounded<FakeRun>();

    public JobRunner Runner => (job, _, started, cancellationToken) =>
    {
        var run = new FakeRun(job, started);
        _runs.Writer.TryWrite(run);
        return run.Outcome.Task.WaitAsync(cancellationToken);
    };

    /// <summary>The next job the runner handed over.</summary>
    public async Task<FakeRun> NextRunAsync() => await _runs.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public bool HasMoreRuns => _runs.Reader.TryPeek(out _);
}

internal sealed class FakeRun(SyncJob job, Action<RunningJob> started)
{
    public SyncJob Job { get; } = job;
    public TaskCompletionSource<SyncOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Paused(string stream) => Job.Streams.Single(s => s.Stream.Name == stream).Paused;

    /// <summary>The lease is taken and the job's supervisor has its job, as the engine tells it.</summary>
    public void Start(IActorRef supervisor) => started(new RunningJob("run-1", Job, supervisor, ActorRefs.Nobody));

    public void Succeed() => Outcome.SetResult(new SyncOutcome("run-1",
        Job.Streams.Select(s => new StreamOutcome(s.Stream.Name, true, StreamStats.Empty, null, null, TimeSpan.Zero, 0)).ToList(),
        TimeSpan.Zero));
}
