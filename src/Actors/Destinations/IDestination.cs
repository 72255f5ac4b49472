using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations;

/// <summary>
/// Where records go. A completed <see cref="WriteAsync"/> means the records are durable: only then does the engine
/// persist the checkpoint that covers them, so a checkpoint is never ahead of the data.
/// </summary>
public interface IDestination : IAsyncDisposable
{
    /// <summary>
    /// Prepares a stream for a run. Calling it again with the same <paramref name="runId"/> (a resumed run) keeps what
    /// that run already wrote, including an overwrite's unfinished staging table.
    /// </summary>
    Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken);

    /// <summary>Writes one batch of a stream durably (one transaction).</summary>
    Task WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, CancellationToken cancellationToken);

    /// <summary>Ends the stream's run; for <see cref="WriteMode.Overwrite"/> this swaps the new rows in atomically.</summary>
    Task CompleteStreamAsync(StreamDefinition stream, CancellationToken cancellationToken);
}
