namespace Paystack.Actors.Paystack;

/// <summary>
/// The <c>meta</c> object of a list response. Offset paging fills Total/Page/PageCount; cursor paging fills Next/Previous.
/// Every field is optional because the real API omits some of them (and sends <c>perPage</c> as a string or a number).
/// </summary>
public sealed record PageMeta(
    long? Total = null,
    long? Skipped = null,
    int? PerPage = null,
    int? Page = null,
    int? PageCount = null,
    string? Next = null,
    string? Previous = null);
