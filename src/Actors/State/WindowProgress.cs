using System.Collections.Immutable;

namespace Paystack.Actors.State;

/// <summary>What is known of one open window: its page count once the first page told it, and the pages already durable.</summary>
/// <param name="NextCursor">For a window read by cursor, the token that fetches the page after the last durable one.</param>
public sealed record WindowProgress(int? PageCount, ImmutableSortedSet<int> CompletedPages, string? NextCursor)
{
    /// <summary>A window nothing of which is durable yet.</summary>
    public static WindowProgress None { get; } = new(null, ImmutableSortedSet<int>.Empty, null);

    public bool IsComplete => PageCount is { } count && CompletedPages.Count >= count;

    /// <summary>These pages are durable; a page count or next cursor they report replaces what was known.</summary>
    public WindowProgress WithDurable(IEnumerable<int> pages, int? pageCount, string? nextCursor) => this with
    {
        PageCount = pageCount ?? PageCount,
        CompletedPages = CompletedPages.Union(pages),
        NextCursor = nextCursor,
    };
}
