namespace Paystack.Actors.Sync;

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

    public sealed record ProgressSnapshot(IReadOnlyDictionary<string, StreamReports.Progress> Streams);
}
