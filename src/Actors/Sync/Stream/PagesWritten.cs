using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>What the journal records once the destination acknowledged a batch of pages.</summary>
internal static class PagesWritten
{
    /// <param name="pageCount">A window's page count, durable or learned in this run; null while unknown.</param>
    /// <param name="destinationWrites">The destination's write count after the batch; null when nothing was written.</param>
    public static IReadOnlyList<IStreamEvent> Events(
        RunProgress run, IEnumerable<FetchedPage> pages, Func<TimeWindow, WindowProgress, int?> pageCount, long? destinationWrites)
    {
        var events = new List<IStreamEvent>();
        foreach (var group in pages.GroupBy(p => p.Task.Window))
        {
            var window = group.Key;
            if (!run.OpenWindows.TryGetValue(window, out var progress)) continue;
            var pageNumbers = group.Select(p => p.Task.Page).ToList();
            var count = pageCount(window, progress);
            var maxCursor = LatestCursor(group);
            var nextCursor = group.MaxBy(p => p.Task.Page)!.NextCursor;
            var perPage = group.Max(p => p.Task.PerPage);
            events.Add(new StreamEvents.PagesCompleted(
                window, pageNumbers, count, group.Sum(p => p.Records.Count), maxCursor, nextCursor, destinationWrites,
                perPage > 0 ? perPage : null));

            if (count is { } known && progress.CompletedPages.Union(pageNumbers).Count >= known)
                events.Add(new StreamEvents.WindowCompleted(window));
        }
        return events;
    }

    /// <summary>The cursor text of the latest record (the first of equal times), or null when none has a time.</summary>
    private static string? LatestCursor(IEnumerable<FetchedPage> pages)
    {
        PaystackRecord? latest = null;
        foreach (var page in pages)
        {
            foreach (var record in page.Records)
            {
                if (record.CreatedAt is { } time && (latest is null || time > latest.CreatedAt!.Value)) latest = record;
            }
        }

        return latest?.CursorValue;
    }
}
