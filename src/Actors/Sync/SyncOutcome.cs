namespace Paystack.Actors.Sync;

/// <summary>How one stream of a job ended.</summary>
/// <param name="Error">Why the stream failed, for a person; null when it completed.</param>
public sealed record StreamOutcome(string Stream, bool Succeeded, StreamStats Stats, string? Cursor, string? Error, TimeSpan Duration, int Restarts);

/// <summary>How a whole job ended: one outcome per selected stream.</summary>
public sealed record SyncOutcome(string RunId, IReadOnlyList<StreamOutcome> Streams, TimeSpan Duration)
{
    public bool Succeeded => Streams.All(s => s.Succeeded);
}
