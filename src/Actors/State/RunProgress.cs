namespace Paystack.Actors.State;

/// <summary>
/// The unfinished run of a stream. Windows complete out of order; <see cref="CompleteBefore"/> advances only up to the
/// oldest window still open, so it never claims a gap is done.
/// </summary>
public sealed class RunProgress(string runId, SyncMode mode, DateTimeOffset lowerBound, DateTimeOffset upperBound)
{
    public string RunId { get; } = runId;
    public SyncMode Mode { get; } = mode;
    public DateTimeOffset LowerBound { get; } = lowerBound;
    public DateTimeOffset UpperBound { get; } = upperBound;

    /// <summary>Everything created in [LowerBound, CompleteBefore) is durable at the destination.</summary>
    public DateTimeOffset CompleteBefore { get; internal set; } = lowerBound;

    /// <summary>Windows not yet complete, oldest first.</summary>
    public SortedDictionary<TimeWindow, WindowProgress> OpenWindows { get; } = new();

    /// <summary>When the run began; a point-in-time stream stamps its records with it.</summary>
    public DateTimeOffset? StartedAt { get; internal init; }

    public long Records { get; internal set; }
    public long PagesCompleted { get; internal set; }
    public long WindowsCompleted { get; internal set; }

    public bool IsComplete => OpenWindows.Count == 0;

    internal void MarkWindowComplete(TimeWindow window)
    {
        OpenWindows.Remove(window);
        WindowsCompleted++;
        // Everything before the oldest open window is done: the windows tiled the range, and a window leaves the open
        // set only when it is complete or replaced by windows covering what it held.
        var completeBefore = OpenWindows.Count == 0 ? UpperBound : OpenWindows.Keys.First().From;
        if (completeBefore > CompleteBefore) CompleteBefore = completeBefore;
    }
}
