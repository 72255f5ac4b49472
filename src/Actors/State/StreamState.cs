namespace Paystack.Actors.State;

/// <summary>
/// A stream's durable state, rebuilt by replaying its events: the cursor below which it is complete, and the unfinished
/// run if there is one. Changed only through <see cref="Apply"/>, so recovery and live updates are the same code.
/// </summary>
public sealed class StreamState
{
    /// <summary>The creation time below which every record of the stream is at the destination.</summary>
    public DateTimeOffset? Cursor { get; private set; }

    /// <summary>The newest creation time seen in any record, exactly as Paystack wrote it.</summary>
    public string? MaxCursorSeen { get; private set; }

    public RunProgress? Run { get; private set; }

    /// <summary>The destination's write count of the stream as of the last pages the journal recorded as durable.</summary>
    public long DestinationWrites { get; private set; }

    /// <summary>Set in a journal from before journals were bound to destinations once a destination took it over.</summary>
    public string? HandedOverTo { get; private set; }

    /// <summary>Whether the journal claims anything is at the destination.</summary>
    public bool ClaimsProgress => Cursor is not null || DestinationWrites > 0 || Run is { PagesCompleted: > 0 };

    public void Apply(IStreamEvent @event)
    {
        switch (@event)
        {
            case StreamEvents.RunStarted e:
                if (e.PriorCursor is { } prior) AdvanceCursor(prior);
                Run = new RunProgress(e.RunId, e.Mode, e.LowerBound, e.UpperBound) { StartedAt = e.StartedAt };
                foreach (var window in e.Windows) Run.OpenWindows[window] = new WindowProgress();
                break;
            case StreamEvents.WindowSplit e when Run is not null:
                Run.OpenWindows.Remove(e.Window);
                foreach (var part in e.Parts) Run.OpenWindows[part] = new WindowProgress();
                break;
            case StreamEvents.PagesCompleted e when Run is not null:
                if (Run.OpenWindows.TryGetValue(e.Window, out var progress))
                {
                    if (e.PageCount is not null) progress.PageCount = e.PageCount;
                    foreach (var page in e.Pages) progress.CompletedPages.Add(page);
                    progress.NextCursor = e.NextCursor;
                }
                Run.Records += e.Records;
                Run.PagesCompleted += e.Pages.Count;
                MaxCursorSeen = Later(MaxCursorSeen, e.MaxCursor);
                if (e.DestinationWrites is { } writes) DestinationWrites = writes;
                break;
            case StreamEvents.WindowRestarted e when Run is not null:
                if (Run.OpenWindows.ContainsKey(e.Window)) Run.OpenWindows[e.Window] = new WindowProgress();
                break;
            case StreamEvents.WindowCompleted e when Run is not null:
                Run.MarkWindowComplete(e.Window);
                if (Run.CompleteBefore > Run.LowerBound) AdvanceCursor(Run.CompleteBefore);
                break;
            case StreamEvents.RunCompleted e:
                AdvanceCursor(e.Cursor);
                Run = null;
                break;
            case StreamEvents.ProgressRealigned e:
                Cursor = e.Cursor;
                Run = null;
                DestinationWrites = e.DestinationWrites;
                break;
            case StreamEvents.ProgressImported e:
                var imported = FromSnapshot(e.Snapshot);
                (Cursor, MaxCursorSeen, Run, DestinationWrites) = (imported.Cursor, imported.MaxCursorSeen, imported.Run, imported.DestinationWrites);
                break;
            case StreamEvents.ProgressHandedOver e:
                HandedOverTo = e.To;
                break;
        }
    }

    private void AdvanceCursor(DateTimeOffset completeBefore)
    {
        if (Cursor is null || completeBefore > Cursor) Cursor = completeBefore;
    }

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
                Run.OpenWindows.Select(w => new WindowSnapshot(
                    w.Key, w.Value.PageCount, w.Value.CompletedPages.Order().ToArray(), w.Value.NextCursor)).ToArray(),
                Run.Records, Run.PagesCompleted, Run.WindowsCompleted, Run.StartedAt),
        DestinationWrites,
        HandedOverTo);

    public static StreamState FromSnapshot(StreamSnapshot snapshot)
    {
        var state = new StreamState
        {
            Cursor = snapshot.Cursor,
            MaxCursorSeen = snapshot.MaxCursorSeen,
            DestinationWrites = snapshot.DestinationWrites,
            HandedOverTo = snapshot.HandedOverTo,
        };
        if (snapshot.Run is { } run)
        {
            state.Run = new RunProgress(run.RunId, run.Mode, run.LowerBound, run.UpperBound)
            {
                CompleteBefore = run.CompleteBefore,
                Records = run.Records,
                PagesCompleted = run.PagesCompleted,
                WindowsCompleted = run.WindowsCompleted,
                StartedAt = run.StartedAt,
            };
            foreach (var window in run.OpenWindows)
            {
                var progress = new WindowProgress { PageCount = window.PageCount, NextCursor = window.NextCursor };
                foreach (var page in window.CompletedPages) progress.CompletedPages.Add(page);
                state.Run.OpenWindows[window.Window] = progress;
            }
        }
        return state;
    }
}
