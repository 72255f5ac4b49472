namespace Paystack.Actors.Sync.Supervisor;

/// <summary>Messages of the SyncSupervisor.</summary>
public static class SyncSupervisorProtocol
{
    /// <summary>Answered with a <see cref="SyncOutcome"/> once every stream completed or failed for good.</summary>
    public sealed record RunJob(SyncJob Job, string RunId, DateTimeOffset Now);

    public sealed record GetProgress
    {
        public static GetProgress Instance { get; } = new();
        private GetProgress() { }
    }

    /// <summary>Pauses a stream of the job by name (also across its restarts); answered with <see cref="PauseState"/>.</summary>
    public sealed record PauseStream(string Stream);

    /// <summary>Resumes a paused stream by name; answered with <see cref="PauseState"/>.</summary>
    public sealed record ResumeStream(string Stream);

    /// <param name="Known">False when the job has no stream of that name.</param>
    public sealed record PauseState(string Stream, bool Paused, bool Known);

    public sealed record ProgressSnapshot(IReadOnlyDictionary<string, StreamReports.Progress> Streams);
}
