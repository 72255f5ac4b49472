using Paystack.Actors.Configuration;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Learns how many pages each window has as its pages arrive, and says which pages to fetch next: all the rest at once
/// when the first page names a page count, one after another when it does not (to an empty page, or while
/// <c>meta.next</c> names another), or none when the window has to be split first (<see cref="AdaptiveSplit"/>). Its
/// first pages also teach the page size the server serves (<see cref="Sizing"/>).
/// </summary>
internal sealed class PageDiscovery(StreamDefinition stream, EngineSettings settings)
{
    private readonly Dictionary<TimeWindow, int> _learnedPageCounts = new();
    private readonly HashSet<TimeWindow> _walkingWindows = [];

    /// <summary>The size new windows are asked at, as learned from what the server served or refused.</summary>
    public PageSizing Sizing { get; } = new(settings.PageSize);

    /// <summary>The pages still to fetch of an open window, when a run starts or resumes, at the size its durable pages were served at.</summary>
    public IReadOnlyList<PageTask> Remaining(TimeWindow window, WindowProgress progress)
    {
        var perPage = progress.PerPage ?? 0;
        if (progress.PageCount is { } count)
            return Enumerable.Range(1, count)
                .Where(page => !progress.CompletedPages.Contains(page))
                .Select(page => new PageTask(window, page, PerPage: perPage))
                .ToList();

        // A window read one page after another resumes after its last durable page.
        var next = progress.CompletedPages.Count == 0 ? 1 : progress.CompletedPages.Max() + 1;
        var byCursor = PageRequests.EndpointFor(stream, window).ReadsByCursor;
        if (next > 1 && !byCursor) _walkingWindows.Add(window);
        return [new PageTask(window, next, byCursor ? progress.NextCursor : null, perPage)];
    }

    /// <summary>
    /// Whether an open window must be read again from its first page before it resumes: some of its pages are durable at
    /// a page size the journal did not record (it predates recording them), so its later offsets are unknown.
    /// </summary>
    public bool SizeUnknown(TimeWindow window, WindowProgress progress) =>
        progress is { PerPage: null, CompletedPages.Count: > 0, IsComplete: false }
        && PageRequests.EndpointFor(stream, window) is { ReadsByCursor: false, Paging.Kind: not PagingKind.None };

    /// <summary>The newest stretch of a split window is complete with the page that named the split.</summary>
    public void Learned(TimeWindow window, int pageCount) => _learnedPageCounts[window] = pageCount;

    /// <summary>What a fetched page teaches about its window.</summary>
    /// <returns>The pages to fetch next, or null when the window must be split first (<paramref name="split"/>), or
    /// cannot be read (<paramref name="problem"/>).</returns>
    /// <param name="warning">Something about the page's paging worth telling, though the window is read in full.</param>
    public IReadOnlyList<PageTask>? Learn(
        PageTask task, PageResult result, WindowProgress progress, out AdaptiveSplit.Plan? split, out string? problem, out string? warning)
    {
        (split, problem, warning) = (null, null, null);
        var window = task.Window;
        var endpoint = PageRequests.EndpointFor(stream, window);
        if (endpoint.Paging.Kind == PagingKind.None)
        {
            _learnedPageCounts[window] = 1;
            return [];
        }

        // A task is asked at its window's size, or at the stream's when dispatched; one made elsewhere at the configured size.
        var asked = task.PerPage > 0 ? task.PerPage : settings.PageSize;
        if (task.Page == 1) Sizing.Served(PageSizing.ServedSize(asked, result));
        if (endpoint.ReadsByCursor)
        {
            if (NextCursor(endpoint, task, result) is { } next) return [task with { Page = task.Page + 1, Cursor = next }];
            _learnedPageCounts[window] = task.Page;
            return [];
        }

        if (_walkingWindows.Contains(window))
        {
            if (result.Records.Count > 0) return [task with { Page = task.Page + 1 }];
            _walkingWindows.Remove(window);
            _learnedPageCounts[window] = task.Page;
            return [];
        }

        if (progress.PageCount is not null || _learnedPageCounts.ContainsKey(window) || task.Page != 1)
            return [];

        if (result.Meta.PageCount is > 0 and var reported)
        {
            // The window's later pages are asked at the size its first page was served at, so their offsets match it.
            var served = PageSizing.ServedSize(asked, result);
            // meta.total says how many pages the window can fill: a count beyond it would page on for nothing, one short
            // of it would stop with records unread.
            var check = PageCountCheck.Of(result.Meta, reported, served);
            if (check.Problem is { } broken)
            {
                problem = $"{window}: {broken}";
                return null;
            }
            var pageCount = check.Pages;
            var wanted = (int)Math.Ceiling(pageCount / (double)settings.MaxPagesPerWindow);
            if (PageRequests.FiltersByTime(stream, window) && AdaptiveSplit.CanSplit(window, wanted))
            {
                split = AdaptiveSplit.Of(window, result, pageCount, served, settings.MaxPagesPerWindow);
                return null;
            }
            if (check.Understated is { } understated)
            {
                // Walk to an empty page rather than trust either figure.
                warning = $"{window}: {understated}; reading on to an empty page";
                _walkingWindows.Add(window);
                return [task with { Page = 2, PerPage = served }];
            }
            _learnedPageCounts[window] = pageCount;
            return Enumerable.Range(2, pageCount - 1).Select(page => new PageTask(window, page, PerPage: served)).ToList();
        }

        if (result.Records.Count == 0)
        {
            _learnedPageCounts[window] = 0;
            return [];
        }

        // No usable page count: walk the window page by page until an empty page, never stopping on a short one.
        _walkingWindows.Add(window);
        return [task with { Page = 2, PerPage = PageSizing.ServedSize(asked, result) }];
    }

    /// <summary>For a window read by cursor, the token of the page after this one; null when this page is the last.</summary>
    public string? NextCursor(PageTask task, PageResult result) =>
        NextCursor(PageRequests.EndpointFor(stream, task.Window), task, result);

    /// <summary>The page count of a window: durable, or learned from its pages in this run; null while unknown.</summary>
    public int? PageCount(TimeWindow window, WindowProgress progress) =>
        progress.PageCount ?? (_learnedPageCounts.TryGetValue(window, out var learned) ? learned : null);

    /// <summary>Forgets what was learned of windows that are no longer open.</summary>
    public void Forget(Func<TimeWindow, bool> isOpen)
    {
        foreach (var window in _learnedPageCounts.Keys.Where(w => !isOpen(w)).ToList()) _learnedPageCounts.Remove(window);
        _walkingWindows.RemoveWhere(w => !isOpen(w));
    }

    private static string? NextCursor(StreamDefinition endpoint, PageTask task, PageResult result) =>
        endpoint.ReadsByCursor && PagingRule.HasNextCursorPage(result.Meta, task.Cursor) ? result.Meta.Next : null;
}
