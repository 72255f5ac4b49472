using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// How a window whose first page names more pages than <c>max-pages-per-window</c> is split. Paystack lists records
/// newest first, so every record of the window newer than the oldest one on that page is on it: that newest stretch
/// becomes a window of its own, complete with the page already fetched, and only the older rest is cut, into as many
/// parts as its remaining pages need. The page also shows how dense the newest records are: the parts are cut evenly
/// over the stretch the rest would fill at that density, the oldest part reaching back to the window's start, so a
/// history that begins years after start_date costs no request per empty stretch. A page that does not show that
/// order (a record without a creation time, or one older than the next) keeps nothing: the window is cut into equal
/// parts whose first pages are fetched anew. A part that still has too many pages is split the same way.
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
        var restRecords = Math.Max(0, total - kept.Count);
        var restPages = (int)Math.Min(int.MaxValue, (restRecords + perPage - 1) / perPage);
        return new Plan([.. Cut(rest, records, restRecords, restPages, maxPagesPerWindow), covered], (covered, kept));
    }

    /// <summary>
    /// Cuts the rest into parts of about equal records, assuming the density the first page shows: evenly over the
    /// stretch that density fills, the oldest part taking whatever lies before it; evenly over the whole rest when that
    /// stretch reaches its start or the page shows no density.
    /// </summary>
    private static IReadOnlyList<TimeWindow> Cut(
        TimeWindow rest, IReadOnlyList<PaystackRecord> page, long restRecords, int restPages, int maxPagesPerWindow)
    {
        var pageSpan = page[0].CreatedAt!.Value - page[^1].CreatedAt!.Value;
        var estimated = page.Count > 1 && pageSpan > TimeSpan.Zero
            ? TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks, pageSpan.Ticks * (double)restRecords / (page.Count - 1)))
            : TimeSpan.MaxValue;
        if (estimated >= rest.Length) return rest.Split(Parts(rest, restPages, maxPagesPerWindow));

        var filled = new TimeWindow(rest.To - estimated, rest.To);
        var parts = filled.Split(Parts(filled, restPages, maxPagesPerWindow));
        return [parts[0] with { From = rest.From }, .. parts.Skip(1)];
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
