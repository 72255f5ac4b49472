using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Stream;

/// <summary>A fetched page waiting for its records to become durable; only the records inside its window are kept.</summary>
/// <param name="NextCursor">For a window read by cursor, the token of the following page; null when none follows.</param>
internal sealed record FetchedPage(PageTask Task, IReadOnlyList<PaystackRecord> Records, string? NextCursor = null);
