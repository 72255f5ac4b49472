namespace Paystack.Actors.State;

/// <summary>A stream's state as saved in a snapshot; the journal after it replays on top.</summary>
public sealed record StreamSnapshot(DateTimeOffset? Cursor, string? MaxCursorSeen, RunSnapshot? Run);

public sealed record RunSnapshot(
    string RunId,
    SyncMode Mode,
    DateTimeOffset LowerBound,
    DateTimeOffset UpperBound,
    DateTimeOffset CompleteBefore,
    IReadOnlyList<WindowSnapshot> OpenWindows,
    IReadOnlyList<TimeWindow> CompletedAhead,
    long Records,
    long PagesCompleted,
    long WindowsCompleted);

public sealed record WindowSnapshot(TimeWindow Window, int? PageCount, IReadOnlyList<int> CompletedPages);
