using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// How a window whose first page names more pages than <c>max-pages-per-window</c> is split. Paystack lists records
/// newest first, so every record of the window newer than the oldest one on that page is on it: that newest stretch
/// becomes a window of its own, complete with the page already fetched, and only the older rest is cut, into as many
/// equal parts as its remaining pages need. A page that does not show that order (a record without a creation time,
/// or one older than the next) keeps nothing: the window is cut into equal parts whose first pages are fetched anew.
/// </summary>
internal static class AdaptiveSplit
{
    /// <summary>Splitting finer than this gains nothing: the one-second boundary overlap would dominate each request.</summary>
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(1);

    /// <param name="Parts">The windows that replace the split one, oldest first; they tile it.</param>
    /// <param name="Covered">The part the first page holds whole, and its records; null when the page is not kept.</param>
    public sealed record Plan(IReadOnlyList<TimeWindow> Parts, (TimeWindow Window, IReadOnlyList<PaystackRecord> Records)? Covered);

    /// <summary>Whether a window of this length can be split into <paramref name="parts"/> at all.</summary>
    public static bool CanSplit(TimeWindow window, int parts) => parts > 1 && window.Length / parts >= MinimumLength;

    /// <param name="first">The window's first page, as served (records newest first, boundary overlap included).</param>
    /// <param name="pageCount">Its pages at <paramref name="perPage"/>, as checked against <c>meta.total</c>.</param>
    public static Plan Of(TimeWindow window, PageResult first, int pageCount, int perPage, int maxPagesPerWindow)
    {
        var records = first.Records;
        var cut = OldestOfNewestFirst(records)?.AddTicks(1);
        if (cut is null || cut <= window.From || cut >= window.To)
            return new Plan(window.Split(Parts(window, pageCount, maxPagesPerWindow)), null);

        // Everything at or after the tick past the page's oldest record is on the page; records at that very instant
        // may continue on page 2, so they stay with the rest.
        var covered = new TimeWindow(cut.Value, window.To);
        var kept = records.Where(r => covered.Contains(r.CreatedAt!.Value)).ToList();
        var rest = new TimeWindow(window.From, cut.Value);
        var total = first.Meta.Total ?? (long)pageCount * perPage;
        var restPages = (int)Math.Min(int.MaxValue, (Math.Max(0, total - kept.Count) + perPage - 1) / perPage);
        return new Plan([.. rest.Split(Parts(rest, restPages, maxPagesPerWindow)), covered], (covered, kept));
    }

    private static int Parts(TimeWindow window, int pages, int maxPagesPerWindow)
    {
        var wanted = (int)Math.Ceiling(pages / (double)maxPagesPerWindow);
        return Math.Max(1, Math.Min(wanted, (int)Math.Min(int.MaxValue, window.Length / MinimumLength)));
    }

    /// <summary>The creation time of the page's last record when every record has one and none is newer than the one before.</summary>
    private static DateTimeOffset? OldestOfNewestFirst(IReadOnlyList<PaystackRecord> records)
    {
        if (records.Count == 0) return null;
        DateTimeOffset? previous = null;
        foreach (var record in records)
        {
            if (record.CreatedAt is not { } at || at > previous) return null;
            previous = at;
        }
        return previous;
    }
}
