using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations;

/// <summary>
/// Where records go. A completed <see cref="WriteAsync"/> means the records are durable: only then does the engine
/// persist the checkpoint that covers them, so a checkpoint is never ahead of the data. Each write also advances the
/// destination's own record of the stream (<see cref="DestinationProgress"/>) in the same transaction, which is what
/// the engine checks its journal against before a stream runs.
/// </summary>
public interface IDestination : IAsyncDisposable
{
    /// <summary>
    /// How many streams' operations may run at once (one stream's always run one at a time): one unless the destination
    /// is safe to call from several threads and gains from it.
    /// </summary>
    int ConcurrentStreams => 1;

    /// <summary>
    /// Takes the lease of <paramref name="accountId"/> on this destination, waiting up to <paramref name="wait"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: for ever) while another run holds it, and creates the destination's
    /// bookkeeping. Streams written after it are recorded as the account's.
    /// </summary>
    /// <exception cref="DestinationBusyException">Another run still holds the lease when the wait is over.</exception>
    Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>What the destination proves about the stream's table.</summary>
    Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken);

    /// <summary>
    /// Prepares a stream for a run. Calling it again with the same <paramref name="runId"/> (a resumed run) keeps what
    /// that run already wrote, including an overwrite's unfinished staging table.
    /// </summary>
    Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken);

    /// <summary>Writes one batch of a stream durably (one transaction), keeping <paramref name="receipt"/> with it.</summary>
    /// <param name="receipt">What the batch proves, returned as <see cref="DestinationProgress.LastReceipt"/> until the next write.</param>
    /// <returns>The stream's write count after this batch (<see cref="DestinationProgress.Writes"/>).</returns>
    Task<long> WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the stream's run and records <paramref name="cursor"/> as the point below which its table is complete; for
    /// <see cref="WriteMode.Overwrite"/> this swaps the new rows in atomically.
    /// </summary>
    Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken);
}
