using Akka.Actor;
using Akka.Event;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync.Writing;

/// <summary>Messages of the Sink, the one actor that talks to the destination. Every operation is answered with its id.</summary>
public static class SinkProtocol
{
    /// <param name="Stream">Operations of one stream run one at a time in arrival order.</param>
    public abstract record Operation(long Id, StreamDefinition Stream);

    /// <summary>Answered with <see cref="ProgressRead"/>.</summary>
    public sealed record ReadProgress(long Id, StreamDefinition Stream) : Operation(Id, Stream);

    public sealed record BeginStream(long Id, StreamDefinition Stream, WriteMode Mode, string RunId) : Operation(Id, Stream);

    /// <param name="Receipt">What the batch proves, kept by the destination with it (see <see cref="IDestination.WriteAsync(StreamDefinition, IReadOnlyList{PaystackRecord}, string?, CancellationToken)"/>).</param>
    public sealed record Write(long Id, StreamDefinition Stream, IReadOnlyList<PaystackRecord> Records, string? Receipt = null) : Operation(Id, Stream);

    /// <param name="Cursor">The creation time below which the stream's table is complete once the run ends.</param>
    public sealed record CompleteStream(long Id, StreamDefinition Stream, DateTimeOffset? Cursor) : Operation(Id, Stream);

    // An answer reaches a stream that has already stopped whenever the job ends mid-operation: expected, not a dead
    // letter to report.

    /// <summary>The operation is durable.</summary>
    /// <param name="DestinationWrites">After a <see cref="Write"/>: the stream's write count at the destination.</param>
    public sealed record Done(long Id, long? DestinationWrites = null) : IDeadLetterSuppression;

    public sealed record ProgressRead(long Id, DestinationProgress Progress) : IDeadLetterSuppression;

    /// <remarks>Carries the exception as it is: it stays in the process and is never serialised.</remarks>
    public sealed record Failed(long Id, Exception Error) : IDeadLetterSuppression, INoSerializationVerificationNeeded;
}
