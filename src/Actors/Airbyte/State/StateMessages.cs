using System.Text.Json.Nodes;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Airbyte.State;

/// <summary>Builds the per-stream STATE message that <c>read</c> emits after a stream (or a window of it) is complete.</summary>
public static class StateMessages
{
    /// <param name="cursor">The greatest cursor text seen so far, exactly as in the records; null when there is none yet.</param>
    /// <param name="recordCount">Records emitted for this stream since its previous state message.</param>
    public static AirbyteMessage ForStream(StreamDefinition stream, string? cursor, long recordCount)
    {
        var blob = new JsonObject();
        if (cursor is not null)
            blob[stream.CursorField] = cursor;
        return AirbyteMessage.ForState(new AirbyteStateMessage(
            AirbyteStateType.Stream,
            new AirbyteStreamState(new StreamDescriptor(stream.Name), blob),
            new AirbyteStateStats(recordCount)));
    }
}
