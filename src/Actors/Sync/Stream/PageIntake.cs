using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// What one fetched page means for its window: the pages to fetch next, and whether the window is split, a child
/// stream's parent listing is complete, or the page's records (those inside the window) are to be written.
/// </summary>
internal sealed class PageIntake(StreamDefinition stream, PageDiscovery discovery)
{
    private readonly ParentListing _listing = new();

    public abstract record Outcome;

    /// <summary>Nothing to do with the page: its window is no longer open, or its parent listing is still incomplete.</summary>
    public sealed record Nothing : Outcome;

    /// <summary>The window is replaced by these parts (too many pages, or one window per listed parent); an empty list completes it.</summary>
    /// <param name="Reused">The page that completes one of the parts, to write once the split is durable; the other
    /// parts are read from their first page.</param>
    public sealed record Replace(TimeWindow Window, IReadOnlyList<TimeWindow> Parts, FetchedPage? Reused = null) : Outcome;

    public sealed record Write(FetchedPage Page) : Outcome;

    /// <summary>The window cannot be read: its paging metadata contradicts itself.</summary>
    public sealed record Broken(string Reason) : Outcome;

    /// <summary>Said about the last page taken, to be logged; null when nothing was.</summary>
    public string? Warning { get; private set; }

    public (IReadOnlyList<PageTask> Next, Outcome Outcome) Take(RunProgress? run, PageTask task, PageResult result)
    {
        var window = task.Window;
        Warning = null;
        if (run?.OpenWindows.TryGetValue(window, out var progress) != true) return ([], new Nothing());

        var learned = discovery.Learn(task, result, progress!, out var split, out var problem, out var warning);
        Warning = warning;
        if (problem is not null) return ([], new Broken(problem));
        if (learned is not { } next)
        {
            // Too many pages: the window is split and its parts fetched instead, except the newest stretch this page holds.
            _listing.Drop(window);
            var reused = split!.Covered is var (covered, records) && stream.Parent is null
                ? new FetchedPage(new PageTask(covered, 1, PerPage: task.PerPage), RecordEnricher.Enrich(stream, covered, run!, records))
                : null;
            return ([], new Replace(window, split.Parts, reused));
        }

        var inside = PageRequests.FiltersByTime(stream, window)
            ? result.Records.Where(r => r.CreatedAt is not { } at || window.Contains(at)).ToList()
            : result.Records;
        // The journal keeps the size a first page was served at, not the one asked for: a server that clamped then and
        // serves the size asked for after a resume must still be read at the first page's offsets.
        if (task is { Page: 1, PerPage: > 0 }) task = task with { PerPage = PageSizing.ServedSize(task.PerPage, result) };
        if (stream.Parent is null || window.Parent is not null)
            return (next, new Write(new FetchedPage(task, RecordEnricher.Enrich(stream, window, run!, inside), discovery.NextCursor(task, result))));

        // A child stream's window, once all its parents are listed, is replaced by one window per parent.
        _listing.Add(task, inside);
        return _listing.TryComplete(window, discovery.PageCount(window, progress!), out var parentWindows)
            ? (next, new Replace(window, parentWindows))
            : (next, new Nothing());
    }
}
