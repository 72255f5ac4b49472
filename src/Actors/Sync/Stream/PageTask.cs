using Paystack.Actors.State;
using Paystack.Actors.Sync.Fetching;

namespace Paystack.Actors.Sync.Stream;

/// <summary>One page of one window: the unit of work a PageFetcher carries out.</summary>
/// <param name="Page">The page's number in the window, counted from 1 however the endpoint pages.</param>
/// <param name="Cursor">For a window read by cursor, the previous page's <c>meta.next</c>; null for the first page.</param>
/// <param name="PerPage">The page size to ask for: the window's own once its first page was served, 0 until the
/// StreamActor dispatches it at the stream's current size (<see cref="PageSizing"/>).</param>
public readonly record struct PageTask(TimeWindow Window, int Page, string? Cursor = null, int PerPage = 0)
{
    public override string ToString() => $"{Window} page {Page}";
}
