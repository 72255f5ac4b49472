using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte;

/// <summary>
/// The destination of an Airbyte <c>read</c>: stdout. A batch is durable once its RECORD lines are flushed, so
/// <see cref="WriteAsync"/> completes only after that, and the STATE the engine emits next always follows the records it
/// covers. Write modes mean nothing here: the platform's destination decides how rows land.
/// </summary>
public sealed class AirbyteRecordDestination(AirbyteReadEmitter emitter) : IDestination
{
    public Task BeginStreamAsync(StreamDefinition stream, WriteMode mode, string runId, CancellationToken cancellationToken)
    {
        emitter.Started(stream.Name);
        return Task.CompletedTask;
    }

    public Task WriteAsync(StreamDefinition stream, IReadOnlyList<PaystackRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        emitter.Records(stream.Name, records);
        return Task.CompletedTask;
    }

    /// <summary>Nothing to swap in; the stream's final STATE and COMPLETE status come from the observer.</summary>
    public Task CompleteStreamAsync(StreamDefinition stream, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
