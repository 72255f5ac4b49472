using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>Which request fetches a page of a window, for every kind of stream.</summary>
public static class PageRequests
{
    /// <summary>
    /// Requests reach one second beyond the window on both sides and the StreamActor keeps only records inside it, so no
    /// record is lost whether Paystack treats <c>from</c>/<c>to</c> as inclusive or exclusive, or compares whole seconds.
    /// </summary>
    public static readonly TimeSpan BoundaryOverlap = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The endpoint that serves a window: the stream's own, except for a child stream's window not yet tied to one parent,
    /// which lists the parent records created in it.
    /// </summary>
    public static StreamDefinition EndpointFor(StreamDefinition stream, TimeWindow window) =>
        stream.Parent is { } link && window.Parent is null ? StreamCatalog.Get(link.Stream) : stream;

    /// <summary>Whether the request for this window filters on creation time, so the records must be kept to the window.</summary>
    public static bool FiltersByTime(StreamDefinition stream, TimeWindow window) =>
        window.Parent is null && EndpointFor(stream, window).SupportsTimeFilter;

    public static PageRequest For(StreamDefinition stream, PageTask task, int perPage)
    {
        var window = task.Window;
        var endpoint = EndpointFor(stream, window);
        var request = endpoint.ReadsByCursor
            ? new PageRequest(endpoint, task.Page, perPage, UseCursor: true, Cursor: task.Cursor, ParentId: window.Parent)
            : new PageRequest(endpoint, task.Page, perPage, ParentId: window.Parent);
        return FiltersByTime(stream, window)
            ? request with { From = window.From - BoundaryOverlap, To = window.To + BoundaryOverlap }
            : request;
    }
}
