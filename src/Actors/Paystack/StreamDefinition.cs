namespace Paystack.Actors.Paystack;

/// <summary>How one Paystack list endpoint is read: where it lives and which fields identify and order its records.</summary>
/// <param name="Name">Airbyte-style stream name, e.g. <c>transactions</c>.</param>
/// <param name="Path">Endpoint path below the base URL, without a leading slash, e.g. <c>transaction</c>; a child's holds <c>{id}</c>.</param>
/// <param name="CursorField">The record's creation-time field (<c>createdAt</c>, or <c>created_at</c> for invoices).</param>
/// <param name="PrimaryKey">The record field that identifies it.</param>
/// <param name="Paging">How the endpoint pages, and the names of its paging parameters.</param>
/// <param name="SupportsTimeFilter">Whether the endpoint filters on creation time with <c>from</c>/<c>to</c>.</param>
public sealed record StreamDefinition(
    string Name,
    string Path,
    string CursorField,
    string PrimaryKey,
    StreamPaging Paging,
    bool SupportsTimeFilter = true)
{
    /// <summary>Set for a child stream: the parent whose records it is read for.</summary>
    public ParentLink? Parent { get; init; }

    /// <summary>
    /// Set for a point-in-time stream (balances): every run adds this field with the run's time to each record, and the
    /// key becomes the primary key field together with it, so each run's readings are kept side by side.
    /// </summary>
    public string? ReadAtField { get; init; }

    /// <summary>Incremental sync needs a creation-time filter (the parent's, for a child); without one only full refresh is offered.</summary>
    public bool SupportsIncremental => SupportsTimeFilter;

    /// <summary>The fields that together identify a record at the destination.</summary>
    public IReadOnlyList<string> KeyFields => ReadAtField is { } readAt ? [PrimaryKey, readAt] : [PrimaryKey];

    /// <summary>
    /// The engine follows <c>meta.next</c> where page numbers are missing, and where nothing bounds the read in time:
    /// a whole unfiltered list read by offset would skip a record whenever one is removed during the read.
    /// </summary>
    public bool ReadsByCursor =>
        Paging.Kind == PagingKind.Cursor || (Paging.Kind == PagingKind.PageNumbersOrCursor && !SupportsTimeFilter);
}
