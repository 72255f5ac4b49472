using Akka.Actor;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Writing;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Squares a stream's journal with its destination before a run: reads what the destination proves through the Sink,
/// decides (<see cref="DestinationCheck"/>), and for a table written before destinations kept a record, takes the
/// stream's progress over from the journal of that time. Answers its parent with what to persist, then stops.
/// </summary>
internal sealed class StreamPreparer : ReceiveActor
{
    /// <param name="Event">What the stream persists before it resumes or plans; null when the journal stands as it is.</param>
    /// <param name="Warning">Why the journal was realigned, for the log.</param>
    public sealed record Prepared(IStreamEvent? Event, string? Warning) : INoSerializationVerificationNeeded;

    public sealed record Failed(string Reason, Exception? Cause) : INoSerializationVerificationNeeded;

    /// <summary>What the preparer needs to know of the stream.</summary>
    public sealed record Inputs(
        StreamDefinition Stream, StreamState State, bool JournalEmpty, string AccountId, string DestinationId, WriteMode Mode);

    public static Props Props(IActorRef sink, Inputs inputs) => Akka.Actor.Props.Create(() => new StreamPreparer(sink, inputs));

    public StreamPreparer(IActorRef sink, Inputs inputs)
    {
        var stream = inputs.Stream;
        sink.Tell(new SinkProtocol.ReadProgress(0, stream));
        Receive<SinkProtocol.Failed>(failed =>
            Reply(new Failed($"the destination could not be read for {stream.Name}: {failed.Error.Message}", failed.Error)));
        Receive<SinkProtocol.ProgressRead>(read =>
        {
            switch (DestinationCheck.Decide(inputs.State, inputs.JournalEmpty, read.Progress, inputs.AccountId, stream.Name, inputs.Mode))
            {
                case DestinationCheck.Realign realign:
                    Reply(new Prepared(realign.Event, realign.Event.Reason));
                    break;
                case DestinationCheck.ImportOlderJournal:
                    Context.Watch(Context.ActorOf(
                        OlderJournalReader.Props(inputs.AccountId, stream.Name, inputs.DestinationId, Self), "older-journal"));
                    break;
                default:
                    Reply(new Prepared(null, null));
                    break;
            }
        });
        Receive<OlderJournalReader.Result>(result => Reply(result.Progress is { } progress
            ? new Prepared(new StreamEvents.ProgressImported(progress, result.From), null)
            : new Prepared(null, $"the {stream.Name} table holds rows that no journal accounts for; the stream is read in full " +
                                 "(in append mode its rows may appear twice)")));
        Receive<Terminated>(_ => Reply(new Failed($"the older journal of {stream.Name} could not be read", null)));
    }

    private void Reply(object outcome)
    {
        Context.Parent.Tell(outcome);
        foreach (var child in Context.GetChildren()) Context.Unwatch(child);
        Context.Stop(Self);
    }
}
