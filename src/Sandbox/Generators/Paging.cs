namespace Paystack.Sandbox.Generators;

/// <summary>How a list endpoint pages; Paystack's endpoints differ, so each generator says which style its endpoint uses.</summary>
internal enum Paging
{
    /// <summary><c>page</c> and <c>perPage</c> (or <c>per_page</c>); meta <c>{total, skipped, perPage, page, pageCount}</c>.</summary>
    Offset,

    /// <summary>
    /// Offset paging, or cursor paging when the request says <c>use_cursor=true</c> (or passes <c>next</c>/<c>previous</c>);
    /// cursor meta <c>{next, previous, perPage}</c>.
    /// </summary>
    OffsetOrCursor,

    /// <summary>
    /// Always cursor paged with <c>next</c>/<c>previous</c> and <c>per_page</c>, no page numbers (as <c>/terminal</c>);
    /// meta <c>{next, previous, perPage}</c>.
    /// </summary>
    CursorNextPrevious,

    /// <summary>
    /// Always cursor paged with one <c>cursor</c> parameter and <c>per_page</c>, forward only (as the direct debit
    /// mandate list); meta <c>{per_page, next, count, total}</c>.
    /// </summary>
    CursorForward,
}
