using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Writing;

/// <summary>Messages of the Sink, the one actor that talks to the destination. Every operation is answered with its id.</summary>
public static class SinkProtocol
{
    public abstract record Operation(long Id);

    /// <summary>Answered with <see cref="ProgressRead"/>.</summary>
    public sealed record ReadProgress(long Id, StreamDefinition Stream) : Operation(Id);

    public sealed record BeginStream(long Id, StreamDefinition Stream, WriteMode Mode, string RunId) : Operation(Id);

    public sealed record Write(long Id, StreamDefinition Stream, IReadOnlyList<PaystackRecord> Records) : Operation(Id);

    /// <param name="Cursor">The creation time below which the stream's table is complete once the run ends.</param>
    public sealed record CompleteStream(long Id, StreamDefinition Stream, DateTimeOffset? Cursor) : Operation(Id);

    /// <summary>The operation is durable.</summary>
    /// <param name="DestinationWrites">After a <see cref="Write"/>: the stream's write count at the destination.</param>
    public sealed record Done(long Id, long? DestinationWrites = null);

    public sealed record ProgressRead(long Id, DestinationProgress Progress);

    public sealed record Failed(long Id, Exception Error);
}
