using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Sync;

/// <summary>Messages of the Sink, the one actor that talks to the destination. Every operation is answered with its id.</summary>
public static class SinkProtocol
{
    public abstract record Operation(long Id);

    public sealed record BeginStream(long Id, StreamDefinition Stream, WriteMode Mode, string RunId) : Operation(Id);

    public sealed record Write(long Id, StreamDefinition Stream, IReadOnlyList<PaystackRecord> Records) : Operation(Id);

    public sealed record CompleteStream(long Id, StreamDefinition Stream) : Operation(Id);

    /// <summary>The operation is durable.</summary>
    public sealed record Done(long Id);

    public sealed record Failed(long Id, Exception Error);
}
