namespace Paystack.Actors.Paystack;

/// <summary>How one Paystack list endpoint is read: where it lives and which fields identify and order its records.</summary>
/// <param name="Name">Airbyte-style stream name, e.g. <c>transactions</c>.</param>
/// <param name="Path">Endpoint path below the base URL, without a leading slash, e.g. <c>transaction</c>.</param>
/// <param name="CursorField">The record's creation-time field (<c>createdAt</c>, or <c>created_at</c> for invoices).</param>
/// <param name="PrimaryKey">The record field that identifies it.</param>
/// <param name="SupportsCursorPaging">Whether the endpoint accepts <c>use_cursor</c>/<c>next</c>.</param>
/// <param name="SupportsTimeFilter">Whether the endpoint filters on creation time with <c>from</c>/<c>to</c>.</param>
public sealed record StreamDefinition(
    string Name,
    string Path,
    string CursorField,
    string PrimaryKey,
    bool SupportsCursorPaging,
    bool SupportsTimeFilter = true)
{
    /// <summary>Incremental sync needs a creation-time filter; without one only full refresh is offered.</summary>
    public bool SupportsIncremental => SupportsTimeFilter;
}
