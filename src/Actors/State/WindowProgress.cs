namespace Paystack.Actors.State;

/// <summary>What is known of one open window: its page count once the first page told it, and the pages already durable.</summary>
public sealed class WindowProgress
{
    public int? PageCount { get; set; }
    public HashSet<int> CompletedPages { get; } = [];

    /// <summary>For a window read by cursor, the token that fetches the page after the last durable one.</summary>
    public string? NextCursor { get; set; }

    public bool IsComplete => PageCount is { } count && CompletedPages.Count >= count;
}
