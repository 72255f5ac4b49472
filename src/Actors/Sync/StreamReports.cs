using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Sync;

/// <summary>What a StreamActor tells its supervisor (and the supervisor passes on to the job's observer).</summary>
public static class StreamReports
{
    public sealed record Started(string Stream, string RunId, bool Resumed, DateTimeOffset LowerBound, DateTimeOffset UpperBound)
    {
        /// <summary>The counters at the start: a resumed run already holds the records and pages made durable before.</summary>
        public StreamStats Stats { get; init; } = StreamStats.Empty;
    }

    public sealed record Progress(string Stream, StreamStats Stats)
    {
        /// <summary>The stream dispatches no new pages until it is resumed.</summary>
        public bool Paused { get; init; }

        /// <summary>Pages of the run known so far: completed ones plus those left in open windows (an unwalked window counts one).</summary>
        public long PagesPlanned { get; init; }
    }

    /// <summary>The stream's cursor moved forward; every record before it is durable at the destination.</summary>
    /// <param name="RecordsSinceLast">Records written since the previous checkpoint of this stream.</param>
    public sealed record Checkpoint(string Stream, string CursorField, string Cursor, long RecordsSinceLast);

    public sealed record Completed(string Stream, StreamStats Stats, string? Cursor);

    /// <summary>The stream could not go on. <paramref name="Transient"/>: a later attempt may succeed.</summary>
    public sealed record Failed(string Stream, string Reason, bool Transient, Exception? Cause = null);
}
