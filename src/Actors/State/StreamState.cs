using System.Collections.Immutable;

namespace Paystack.Actors.State;

/// <summary>
/// A stream's durable state, rebuilt by replaying its events: the cursor below which it is complete, and the unfinished
/// run if there is one. Immutable: <see cref="Apply"/> returns the next state, so recovery and live updates are the
/// same pure code and a decision can be tested on a state without an actor.
/// </summary>
public sealed record StreamState
{
    /// <summary>A stream with no journal.</summary>
    public static StreamState Empty { get; } = new();

    /// <summary>The creation time below which every record of the stream is at the destination.</summary>
    public DateTimeOffset? Cursor { get; init; }

    /// <summary>The newest creation time seen in any record, exactly as Paystack wrote it.</summary>
    public string? MaxCursorSeen { get; init; }

    public RunProgress? Run { get; init; }

    /// <summary>The destination's write count of the stream as of the last pages the journal recorded as durable.</summary>
    public long DestinationWrites { get; init; }

    /// <summary>Set in a journal from before journals were bound to destinations once a destination took it over.</summary>
    public string? HandedOverTo { get; init; }

    /// <summary>Whether the journal claims anything is at the destination.</summary>
    public bool ClaimsProgress => Cursor is not null || DestinationWrites > 0 || Run is { PagesCompleted: > 0 };

    public StreamState Apply(IStreamEvent @event) => @event switch
    {
        StreamEvents.RunStarted e => (e.PriorCursor is { } prior ? WithCursorAtLeast(prior) : this) with
        {
            Run = new RunProgress(e.RunId, e.Mode, e.LowerBound, e.UpperBound)
            {
                StartedAt = e.StartedAt,
                OpenWindows = e.Windows.ToImmutableSortedDictionary(w => w, _ => WindowProgress.None),
            },
        },
        StreamEvents.WindowSplit e when Run is { } run => this with
        {
            Run = run with { OpenWindows = run.OpenWindows.Remove(e.Window).SetItems(e.Parts.Select(Open)) },
        },
        StreamEvents.PagesCompleted e when Run is { } run => this with
        {
            Run = run with
            {
                OpenWindows = run.OpenWindows.TryGetValue(e.Window, out var progress)
                    ? run.OpenWindows.SetItem(e.Window, progress.WithDurable(e.Pages, e.PageCount, e.NextCursor, e.PerPage))
                    : run.OpenWindows,
                Records = run.Records + e.Records,
                PagesCompleted = run.PagesCompleted + e.Pages.Count,
            },
            MaxCursorSeen = Later(MaxCursorSeen, e.MaxCursor),
            DestinationWrites = e.DestinationWrites ?? DestinationWrites,
        },
        StreamEvents.WindowRestarted e when Run is { } run && run.OpenWindows.ContainsKey(e.Window) => this with
        {
            Run = run with { OpenWindows = run.OpenWindows.SetItem(e.Window, WindowProgress.None) },
        },
        StreamEvents.WindowCompleted e when Run is { } run => CompleteWindow(run, e.Window),
        StreamEvents.RunCompleted e => WithCursorAtLeast(e.Cursor) with { Run = null },
        StreamEvents.ProgressRealigned e => this with { Cursor = e.Cursor, Run = null, DestinationWrites = e.DestinationWrites },
        StreamEvents.ProgressImported e => FromSnapshot(e.Snapshot) with { HandedOverTo = HandedOverTo },
        StreamEvents.ProgressHandedOver e => this with { HandedOverTo = e.To },
        _ => this,
    };

    private StreamState CompleteWindow(RunProgress run, TimeWindow window)
    {
        var next = run.WithWindowComplete(window);
        var state = this with { Run = next };
        return next.CompleteBefore > next.LowerBound ? state.WithCursorAtLeast(next.CompleteBefore) : state;
    }

    private StreamState WithCursorAtLeast(DateTimeOffset completeBefore) =>
        Cursor is null || completeBefore > Cursor ? this with { Cursor = completeBefore } : this;

    private static KeyValuePair<TimeWindow, WindowProgress> Open(TimeWindow window) => new(window, WindowProgress.None);

    private static string? Later(string? current, string? candidate)
    {
        if (candidate is null) return current;
        if (current is null) return candidate;
        return CursorFormat.TryParse(candidate, out var c) && CursorFormat.TryParse(current, out var k) && c > k
            ? candidate
            : current;
    }

    public StreamSnapshot ToSnapshot() => new(
        Cursor,
        MaxCursorSeen,
        Run is null
            ? null
            : new RunSnapshot(
                Run.RunId, Run.Mode, Run.LowerBound, Run.UpperBound, Run.CompleteBefore,
                Run.OpenWindows.Select(w => new WindowSnapshot(w.Key, w.Value.PageCount, w.Value.CompletedPages.ToArray(), w.Value.NextCursor, w.Value.PerPage))
                    .ToArray(),
                Run.Records, Run.PagesCompleted, Run.WindowsCompleted, Run.StartedAt),
        DestinationWrites,
        HandedOverTo);

    public static StreamState FromSnapshot(StreamSnapshot snapshot) => new()
    {
        Cursor = snapshot.Cursor,
        MaxCursorSeen = snapshot.MaxCursorSeen,
        DestinationWrites = snapshot.DestinationWrites,
        HandedOverTo = snapshot.HandedOverTo,
        Run = snapshot.Run is not { } run
            ? null
            : new RunProgress(run.RunId, run.Mode, run.LowerBound, run.UpperBound)
            {
                CompleteBefore = run.CompleteBefore,
                Records = run.Records,
                PagesCompleted = run.PagesCompleted,
                WindowsCompleted = run.WindowsCompleted,
                StartedAt = run.StartedAt,
                OpenWindows = run.OpenWindows.ToImmutableSortedDictionary(
                    w => w.Window, w => new WindowProgress(w.PageCount, w.CompletedPages.ToImmutableSortedSet(), w.NextCursor, w.PerPage)),
            },
    };
}
