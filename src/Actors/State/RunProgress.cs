using System.Collections.Immutable;

namespace Paystack.Actors.State;

/// <summary>
/// The unfinished run of a stream. Windows complete out of order; <see cref="CompleteBefore"/> advances only up to the
/// oldest window still open, so it never claims a gap is done.
/// </summary>
public sealed record RunProgress(string RunId, SyncMode Mode, DateTimeOffset LowerBound, DateTimeOffset UpperBound)
{
    /// <summary>Everything created in [LowerBound, CompleteBefore) is durable at the destination.</summary>
    public DateTimeOffset CompleteBefore { get; init; } = LowerBound;

    /// <summary>Windows not yet complete, oldest first.</summary>
    public ImmutableSortedDictionary<TimeWindow, WindowProgress> OpenWindows { get; init; } =
        ImmutableSortedDictionary<TimeWindow, WindowProgress>.Empty;

    /// <summary>When the run began; a point-in-time stream stamps its records with it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public long Records { get; init; }
    public long PagesCompleted { get; init; }
    public long WindowsCompleted { get; init; }

    public bool IsComplete => OpenWindows.IsEmpty;

    internal RunProgress WithWindowComplete(TimeWindow window)
    {
        var open = OpenWindows.Remove(window);
        // Everything before the oldest open window is done: the windows tiled the range, and a window leaves the open
        // set only when it is complete or replaced by windows covering what it held.
        var completeBefore = open.IsEmpty ? UpperBound : open.Keys.First().From;
        return this with
        {
            OpenWindows = open,
            WindowsCompleted = WindowsCompleted + 1,
            CompleteBefore = completeBefore > CompleteBefore ? completeBefore : CompleteBefore,
        };
    }
}
