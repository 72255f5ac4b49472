namespace Paystack.Actors.Paystack;

/// <summary>
/// The one rule every reader follows to decide whether another page follows. A page shorter than perPage never ends
/// paging: Paystack may cap the page size below what was asked for. An unpaged endpoint has one page, whatever it sends.
/// </summary>
public static class PagingRule
{
    /// <summary>Whether the request that produced <paramref name="result"/> has a next page.</summary>
    public static bool HasNextPage(PageRequest request, PageResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        return request.Stream.Paging.Kind switch
        {
            PagingKind.None => false,
            PagingKind.Cursor => HasNextCursorPage(result.Meta, request.Cursor),
            _ when request.UseCursor => HasNextCursorPage(result.Meta, request.Cursor),
            _ => HasNextOffsetPage(request.Page, result.Meta, result.Records.Count),
        };
    }

    /// <summary>
    /// Offset paging: by <c>meta.pageCount</c> when it is present and positive, otherwise until an empty page.
    /// An empty page always ends paging (nothing can follow it in newest-first order).
    /// </summary>
    public static bool HasNextOffsetPage(int page, PageMeta meta, int recordCount)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (recordCount == 0)
        {
            return false;
        }

        return meta.PageCount is int pageCount and > 0 ? page < pageCount : true;
    }

    /// <summary>
    /// Cursor paging: while <c>meta.next</c> is a real token. A token equal to the one just used would loop forever,
    /// so it ends paging too.
    /// </summary>
    public static bool HasNextCursorPage(PageMeta meta, string? currentCursor = null)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return IsCursorToken(meta.Next) && !string.Equals(meta.Next, currentCursor, StringComparison.Ordinal);
    }

    /// <summary>Paystack sends "no page" as JSON null, and sometimes as the string "null".</summary>
    public static bool IsCursorToken(string? token) =>
        !string.IsNullOrWhiteSpace(token) && !string.Equals(token.Trim(), "null", StringComparison.OrdinalIgnoreCase);
}
