namespace Paystack.Actors.State;

/// <summary>A stream's state as saved in a snapshot; the journal after it replays on top.</summary>
public sealed record StreamSnapshot(
    DateTimeOffset? Cursor,
    string? MaxCursorSeen,
    RunSnapshot? Run,
    long DestinationWrites = 0,
    string? HandedOverTo = null);

public sealed record RunSnapshot(
    string RunId,
    SyncMode Mode,
    DateTimeOffset LowerBound,
    DateTimeOffset UpperBound,
    DateTimeOffset CompleteBefore,
    IReadOnlyList<WindowSnapshot> OpenWindows,
    long Records,
    long PagesCompleted,
    long WindowsCompleted,
    DateTimeOffset? StartedAt = null);

public sealed record WindowSnapshot(TimeWindow Window, int? PageCount, IReadOnlyList<int> CompletedPages, string? NextCursor = null, int? PerPage = null);
