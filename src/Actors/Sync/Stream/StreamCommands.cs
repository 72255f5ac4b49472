namespace Paystack.Actors.Sync.Stream;

/// <summary>What a StreamActor is asked to do.</summary>
public static class StreamCommands
{
    /// <summary>Run the stream: resume its unfinished run, or plan a new one from <paramref name="Now"/>.</summary>
    public sealed record StartRun(SyncJob Job, StreamSelection Selection, string RunId, DateTimeOffset Now);

    /// <summary>Stop dispatching new pages; pages already in flight finish and are written. Idempotent.</summary>
    public sealed record Pause
    {
        public static Pause Instance { get; } = new();
        private Pause() { }
    }

    /// <summary>Dispatch pages again after a <see cref="Pause"/>. Idempotent.</summary>
    public sealed record Resume
    {
        public static Resume Instance { get; } = new();
        private Resume() { }
    }

    /// <summary>Asks for a <see cref="StreamReports.Progress"/> reply.</summary>
    public sealed record GetProgress
    {
        public static GetProgress Instance { get; } = new();
        private GetProgress() { }
    }
}
