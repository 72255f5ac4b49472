using System.Collections.Immutable;

namespace Paystack.Actors.State;

/// <summary>What is known of one open window: its page count once the first page told it, and the pages already durable.</summary>
/// <param name="NextCursor">For a window read by cursor, the token that fetches the page after the last durable one.</param>
/// <param name="PerPage">The page size its durable pages were served at (its later pages must be asked at the same size,
/// or offsets would shift); null when nothing is durable, or in a journal written before sizes were recorded.</param>
public sealed record WindowProgress(int? PageCount, ImmutableSortedSet<int> CompletedPages, string? NextCursor, int? PerPage = null)
{
    /// <summary>A window nothing of which is durable yet.</summary>
    public static WindowProgress None { get; } = new(null, ImmutableSortedSet<int>.Empty, null);

    public bool IsComplete => PageCount is { } count && CompletedPages.Count >= count;

    /// <summary>These pages are durable; a page count, next cursor or page size they report replaces what was known.</summary>
    public WindowProgress WithDurable(IEnumerable<int> pages, int? pageCount, string? nextCursor, int? perPage = null) => this with
    {
        PageCount = pageCount ?? PageCount,
        CompletedPages = CompletedPages.Union(pages),
        NextCursor = nextCursor,
        PerPage = perPage ?? PerPage,
    };
}
