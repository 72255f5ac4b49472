using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync;

/// <summary>A fetched page waiting for its records to become durable; only the records inside its window are kept.</summary>
internal sealed record FetchedPage(PageTask Task, IReadOnlyList<PaystackRecord> Records);
