namespace Paystack.Actors.Destinations.Progress;

/// <summary>
/// The right to run one account's sync into one destination, held from before the first stream starts until the run
/// ends. The operating system (a file lock) or the database (a session lock) releases it when its process dies, so a
/// killed run never blocks the next one.
/// </summary>
/// <param name="DestinationId">The id the destination keeps for itself; stream journals are keyed by it.</param>
public sealed class DestinationLease(string destinationId, Func<ValueTask> release) : IAsyncDisposable
{
    private Func<ValueTask>? _release = release;

    public string DestinationId { get; } = destinationId;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _release, null)?.Invoke() ?? ValueTask.CompletedTask;
}
