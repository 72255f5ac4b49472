using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte.Read;

/// <summary>
/// The destination of an Airbyte <c>read</c>: stdout. A batch is durable once its RECORD lines are flushed, so
/// <see cref="WriteAsync"/> completes only after that, and the STATE the engine emits next always follows the records it
/// covers. Write modes mean nothing here: the platform's destination decides how rows land.
/// </summary>
public sealed class AirbyteRecordDestination(AirbyteReadEmitter emitter) : IDestination
{
    /// <summary>The platform runs one read at a time per connection; there is nothing to lock.</summary>
    public Task<DestinationLease> LeaseAsync(string accountId, TimeSpan wait, CancellationToken cancellationToken) =>
        Task.FromResult(new DestinationLease("airbyte", () => ValueTask.CompletedTask));

    /// <summary>The platform owns the state and hands it in with the catalog: that state is the destination's record.</summary>
    public Task<DestinationProgress> ReadProgressAsync(StreamDefinition stream, CancellationToken cancellationToken) =>
        Task.FromResult(DestinationProgress.Unverifiable);

    public Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        emitter.Started(stream.Name);
        return Task.CompletedTask;
    }

    public Task<long> WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, string? receipt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        emitter.Records(stream.Name, records);
        return Task.FromResult(0L);
    }

    /// <summary>Nothing to swap in; the stream's final STATE and COMPLETE status come from the observer.</summary>
    public Task CompleteStreamAsync(StreamDefinition stream, DateTimeOffset? cursor, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
