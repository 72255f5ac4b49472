namespace Paystack.Actors.State;

/// <summary>A fact in a stream's journal. Each is persisted only after the records it covers were acknowledged.</summary>
public interface IStreamEvent;

/// <summary>The journal's events. Their serialized names are fixed in <see cref="StreamEventSerializer"/>.</summary>
public static class StreamEvents
{
    /// <summary>A run began: its range [LowerBound, UpperBound) is frozen and cut into the first windows.</summary>
    /// <param name="PriorCursor">A cursor handed in from outside (Airbyte state), so the stream's cursor never moves back.</param>
    public sealed record RunStarted(
        string RunId,
        SyncMode Mode,
        DateTimeOffset LowerBound,
        DateTimeOffset UpperBound,
        IReadOnlyList<TimeWindow> Windows,
        DateTimeOffset? PriorCursor = null,
        DateTimeOffset? StartedAt = null) : IStreamEvent;

    /// <summary>
    /// A window had too many pages and was replaced by smaller windows tiling it (one of them may be the newest stretch
    /// its first page already holds whole, completed by that page's <see cref="PagesCompleted"/>); or, for a child stream, its parents were
    /// listed and it was replaced by one window per parent.
    /// </summary>
    public sealed record WindowSplit(TimeWindow Window, IReadOnlyList<TimeWindow> Parts) : IStreamEvent;

    /// <summary>Pages of one window whose records are durable at the destination.</summary>
    /// <param name="PageCount">The window's page count as the first page reported it; null while unknown (walk to an empty page).</param>
    /// <param name="MaxCursor">The newest creation time among those records, as written in them.</param>
    /// <param name="NextCursor">For a window read by cursor, the token of the page after these; null when none follows.</param>
    /// <param name="DestinationWrites">The destination's write count of the stream once these pages were written; null before it kept one.</param>
    /// <param name="PerPage">The page size the pages were served at; null in journals written before sizes were recorded.</param>
    public sealed record PagesCompleted(
        TimeWindow Window,
        IReadOnlyList<int> Pages,
        int? PageCount,
        long Records,
        string? MaxCursor,
        string? NextCursor = null,
        long? DestinationWrites = null,
        int? PerPage = null) : IStreamEvent;

    /// <summary>
    /// Paystack refused the cursor token a window's walk had reached, so the window is read again from its first page;
    /// the records already written stay (a deduplicating destination keeps each once).
    /// </summary>
    public sealed record WindowRestarted(TimeWindow Window) : IStreamEvent;

    /// <summary>Every page of a window is durable.</summary>
    public sealed record WindowCompleted(TimeWindow Window) : IStreamEvent;

    /// <summary>
    /// The destination did not hold what the journal claimed (new, restored from an older copy, a table dropped), or
    /// held progress the journal lacked: the stream carries on from what the destination proves. Any unfinished run is
    /// dropped and the cursor set, backwards if need be.
    /// </summary>
    public sealed record ProgressRealigned(DateTimeOffset? Cursor, long DestinationWrites, string Reason) : IStreamEvent;

    /// <summary>
    /// The stream's progress from a journal written before journals were bound to their destination, taken over by the
    /// destination that was written with it.
    /// </summary>
    public sealed record ProgressImported(StreamSnapshot Snapshot, string From) : IStreamEvent;

    /// <summary>Persisted in such an older journal once a destination took its progress over, so no other one does.</summary>
    public sealed record ProgressHandedOver(string To) : IStreamEvent;

    /// <summary>The run finished; <paramref name="Cursor"/> is the creation time below which the stream is complete.</summary>
    public sealed record RunCompleted(string RunId, DateTimeOffset Cursor) : IStreamEvent;
}
