using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Collects the parent records a child stream's window lists, page by page and in any order, until every page of the
/// listing is in. Nothing here is durable: a listing cut short by a crash is simply listed again.
/// </summary>
internal sealed class ParentListing
{
    private readonly Dictionary<TimeWindow, Dictionary<int, IReadOnlyList<PaystackRecord>>> _pages = new();

    public void Add(PageTask task, IReadOnlyList<PaystackRecord> parents)
    {
        if (!_pages.TryGetValue(task.Window, out var pages)) _pages[task.Window] = pages = new();
        pages[task.Page] = parents;
    }

    /// <summary>
    /// The window of each parent listed in <paramref name="window"/>, once all <paramref name="pageCount"/> pages are in.
    /// A parent without a creation time is placed at the start of the window.
    /// </summary>
    public bool TryComplete(TimeWindow window, int? pageCount, out IReadOnlyList<TimeWindow> parentWindows)
    {
        parentWindows = [];
        if (pageCount is not { } count) return false;
        var pages = _pages.GetValueOrDefault(window) ?? [];
        if (Enumerable.Range(1, count).Any(page => !pages.ContainsKey(page))) return false;

        parentWindows = pages.Values.SelectMany(records => records)
            .DistinctBy(parent => parent.Id)
            .Select(parent => TimeWindow.OfParent(parent.Id, parent.CreatedAt ?? window.From))
            .Order()
            .ToList();
        Drop(window);
        return true;
    }

    /// <summary>Forgets a window's pages (listed, or split into smaller windows that are listed afresh).</summary>
    public void Drop(TimeWindow window) => _pages.Remove(window);
}
