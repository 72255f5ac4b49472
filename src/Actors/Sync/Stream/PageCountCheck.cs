using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// A first page's <c>meta.pageCount</c> checked against its <c>meta.total</c>: Paystack's paging metadata is read, not
/// trusted. A count more than one page beyond what the total can fill is refused (it would page on for nothing, for
/// ever against a server that keeps counting); a count short of it is corrected to the total's.
/// </summary>
/// <param name="Pages">The pages the window has, as far as the metadata can be believed.</param>
/// <param name="Problem">Why the window cannot be read; null when it can.</param>
/// <param name="Understated">Set when the reported count was short of the total's: the window is read to an empty page.</param>
internal sealed record PageCountCheck(int Pages, string? Problem, string? Understated)
{
    /// <param name="perPage">The page size the page was served at (<see cref="PageSizing.ServedSize"/>).</param>
    public static PageCountCheck Of(PageMeta meta, int reported, int perPage)
    {
        if (meta.Total is not { } total) return new(reported, null, null);
        var fills = (int)Math.Min(int.MaxValue, (total + perPage - 1) / perPage);
        if (reported > fills + 1)
            return new(reported, $"meta.pageCount is {reported} but meta.total {total} at {perPage} a page fills {fills}: " +
                                 "the paging metadata cannot be trusted, so the window is not read", null);
        return reported < fills
            ? new(fills, null, $"meta.pageCount is {reported} but meta.total {total} at {perPage} a page fills {fills}")
            : new(reported, null, null);
    }
}
