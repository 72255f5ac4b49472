using Akka.Actor;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Writing;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Prepares a stream's run: squares its journal with the destination (reads what the destination proves through the
/// Sink and decides with <see cref="DestinationCheck"/>; for a table written before destinations kept a record, takes
/// the stream's progress over from the journal of that time), then resumes the unfinished run or plans a new one
/// (<see cref="RunPlanner"/>). Answers its parent with the events to persist, then stops.
/// </summary>
internal sealed class StreamPreparer : ReceiveActor
{
    /// <param name="Events">What the stream persists before its run begins: a realignment or import, a new run's start.</param>
    /// <param name="Resumed">The run is the journal's unfinished one.</param>
    /// <param name="Warning">Why the journal was realigned, for the log.</param>
    public sealed record Prepared(IReadOnlyList<IStreamEvent> Events, bool Resumed, string? Warning) : INoSerializationVerificationNeeded;

    public sealed record Failed(string Reason, Exception? Cause) : INoSerializationVerificationNeeded;

    /// <summary>What the preparer needs to know of the stream.</summary>
    public sealed record Inputs(
        StreamDefinition Stream, StreamState State, bool JournalEmpty, string AccountId, string DestinationId, StreamCommands.StartRun Start,
        EngineSettings Settings);

    public static Props Props(IActorRef sink, Inputs inputs) => Akka.Actor.Props.Create(() => new StreamPreparer(sink, inputs));

    private readonly Inputs _inputs;

    public StreamPreparer(IActorRef sink, Inputs inputs)
    {
        _inputs = inputs;
        var stream = inputs.Stream;
        var mode = inputs.Start.Selection.WriteMode;
        sink.Tell(new SinkProtocol.ReadProgress(0, stream));
        Receive<SinkProtocol.Failed>(failed =>
            Reply(new Failed($"the destination could not be read for {stream.Name}: {failed.Error.Message}", failed.Error)));
        Receive<SinkProtocol.ProgressRead>(read =>
        {
            var lastWrite = inputs.State.Run is { } run ? WriteReceipt.Decode(read.Progress.LastReceipt, run.RunId) : null;
            switch (DestinationCheck.Decide(inputs.State, inputs.JournalEmpty, read.Progress, inputs.AccountId, stream.Name, mode, lastWrite))
            {
                case DestinationCheck.CatchUp catchUp:
                    Reply(Open(catchUp.Events, null));
                    break;
                case DestinationCheck.Realign realign:
                    Reply(Open([realign.Event], realign.Event.Reason));
                    break;
                case DestinationCheck.ImportOlderJournal:
                    Context.Watch(Context.ActorOf(
                        OlderJournalReader.Props(inputs.AccountId, stream.Name, inputs.DestinationId, Self), "older-journal"));
                    break;
                default:
                    Reply(Open([], null));
                    break;
            }
        });
        Receive<OlderJournalReader.Result>(result => Reply(result.Progress is { } progress
            ? Open([new StreamEvents.ProgressImported(progress, result.From)], null)
            : Open([], $"the {stream.Name} table holds rows that no journal accounts for; the stream is read in full " +
                                 "(in append mode its rows may appear twice)")));
        Receive<Terminated>(_ => Reply(new Failed($"the older journal of {stream.Name} could not be read", null)));
    }

    /// <summary>After <paramref name="squared"/>, the journal's unfinished run of the same mode resumes; otherwise a new run is planned.</summary>
    private Prepared Open(IReadOnlyList<IStreamEvent> squared, string? warning)
    {
        var start = _inputs.Start;
        var state = squared.Aggregate(_inputs.State, (current, e) => current.Apply(e));
        var events = squared.ToList();
        var resumed = state.Run is { } unfinished && unfinished.Mode == start.Selection.Mode;
        if (!resumed) events.Add(RunPlanner.Plan(state.Cursor, start, _inputs.Stream, _inputs.Settings));
        return new Prepared(events, resumed, warning);
    }

    private void Reply(object outcome)
    {
        Context.Parent.Tell(outcome);
        foreach (var child in Context.GetChildren()) Context.Unwatch(child);
        Context.Stop(Self);
    }
}
