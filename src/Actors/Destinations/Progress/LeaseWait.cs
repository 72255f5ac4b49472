namespace Paystack.Actors.Destinations.Progress;

/// <summary>Retries taking a lease until it is free or the wait is over.</summary>
internal static class LeaseWait
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <param name="tryTake">Takes the lease, or returns null when another process holds it.</param>
    /// <param name="refused">The error to throw when the wait is over, given how long it lasted.</param>
    public static async Task<T> UntilTakenAsync<T>(
        Func<CancellationToken, Task<T?>> tryTake, TimeSpan wait, Func<TimeSpan, Task<Exception>> refused, CancellationToken ct)
        where T : class
    {
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            if (await tryTake(ct).ConfigureAwait(false) is { } taken) return taken;
            var waited = DateTimeOffset.UtcNow - started;
            if (wait != Timeout.InfiniteTimeSpan && waited >= wait)
                throw await refused(wait == TimeSpan.Zero ? TimeSpan.Zero : waited).ConfigureAwait(false);
            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }
}
