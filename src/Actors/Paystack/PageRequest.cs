namespace Paystack.Actors.Paystack;

/// <summary>One GET of one page of a list endpoint.</summary>
/// <param name="Stream">The stream whose endpoint is read.</param>
/// <param name="Page">1-based page number for offset paging; ignored when <paramref name="Cursor"/> paging is used.</param>
/// <param name="PerPage">Page size sent as <c>perPage</c>.</param>
/// <param name="From">Lower creation-time bound sent as <c>from</c>, if any.</param>
/// <param name="To">Upper creation-time bound sent as <c>to</c>, if any.</param>
/// <param name="UseCursor">Send <c>use_cursor=true</c> and follow <c>meta.next</c> instead of page numbers.</param>
/// <param name="Cursor">The <c>next</c> token of the previous cursor page; null for the first.</param>
/// <param name="ParentId">For a child stream, the parent record whose children are read (fills <c>{id}</c> in the path).</param>
public sealed record PageRequest(
    StreamDefinition Stream,
    int Page,
    int PerPage,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    bool UseCursor = false,
    string? Cursor = null,
    string? ParentId = null);
