namespace Paystack.Actors.State;

/// <summary>
/// The unfinished run of a stream. Windows complete out of order; <see cref="CompleteBefore"/> advances only over the
/// contiguous prefix of completed windows, so it never claims a gap is done.
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

    /// <summary>Completed windows that lie beyond a gap and so do not move <see cref="CompleteBefore"/> yet.</summary>
    public SortedSet<TimeWindow> CompletedAhead { get; } = new();

    public long Records { get; internal set; }
    public long PagesCompleted { get; internal set; }
    public long WindowsCompleted { get; internal set; }

    public bool IsComplete => OpenWindows.Count == 0;

    internal void MarkWindowComplete(TimeWindow window)
    {
        OpenWindows.Remove(window);
        WindowsCompleted++;
        CompletedAhead.Add(window);
        while (CompletedAhead.Count > 0 && CompletedAhead.Min.From <= CompleteBefore)
        {
            var next = CompletedAhead.Min;
            CompletedAhead.Remove(next);
            if (next.To > CompleteBefore) CompleteBefore = next.To;
        }
    }
}
