namespace Paystack.Actors.Paystack;

/// <summary>The ways a Paystack list endpoint lets a client move through its records.</summary>
public enum PagingKind
{
    /// <summary><c>page</c>/<c>perPage</c>, with <c>meta.pageCount</c> telling how many pages there are.</summary>
    PageNumbers,

    /// <summary>Page numbers, or <c>use_cursor=true</c> and the <c>next</c> token of the previous page.</summary>
    PageNumbersOrCursor,

    /// <summary>Only the token of the previous page (<c>meta.next</c>); no page numbers at all.</summary>
    Cursor,

    /// <summary>Everything in one response; the endpoint takes no paging parameters.</summary>
    None,
}

/// <summary>How one endpoint pages and the query parameter names it expects for that.</summary>
/// <param name="PageSizeParameter">Where the page size goes: <c>perPage</c> on most endpoints, <c>per_page</c> on newer ones.</param>
/// <param name="CursorParameter">Where the previous page's <c>meta.next</c> token goes: <c>next</c>, or <c>cursor</c> on direct debit.</param>
public sealed record StreamPaging(PagingKind Kind, string PageSizeParameter = "perPage", string CursorParameter = "next")
{
    public static StreamPaging PageNumbers { get; } = new(PagingKind.PageNumbers);

    public static StreamPaging PageNumbersOrCursor { get; } = new(PagingKind.PageNumbersOrCursor);

    public static StreamPaging None { get; } = new(PagingKind.None);

    /// <summary>A cursor-only endpoint; these take <c>per_page</c> for the page size.</summary>
    public static StreamPaging CursorOnly(string cursorParameter = "next") => new(PagingKind.Cursor, "per_page", cursorParameter);

    public bool SupportsCursor => Kind is PagingKind.PageNumbersOrCursor or PagingKind.Cursor;

    public bool SupportsPageNumbers => Kind is PagingKind.PageNumbers or PagingKind.PageNumbersOrCursor;
}
