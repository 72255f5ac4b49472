using Akka.Actor;
using Akka.Persistence;
using Paystack.Actors.State;

namespace Paystack.Actors.Sync.Stream;

/// <summary>
/// Reads one stream's journal as written before journals were bound to their destination (keyed by account and
/// stream only), hands its progress to the first destination that asks and marks it handed over, so no other
/// destination ever takes the same progress for its own. Replies <see cref="Result"/> and stops.
/// </summary>
public sealed class OlderJournalReader : ReceivePersistentActor
{
    /// <param name="Progress">The progress to take over; null when there is none, or it went to another destination.</param>
    public sealed record Result(StreamSnapshot? Progress, string From);

    private sealed record HandOver : INoSerializationVerificationNeeded;

    private StreamState _state = new();

    public override string PersistenceId { get; }

    /// <summary>The journal id of a stream before journals were bound to their destination.</summary>
    public static string PersistenceIdFor(string accountId, string stream) => $"stream-{accountId}-{stream}";

    public static Props Props(string accountId, string stream, string destinationId, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new OlderJournalReader(PersistenceIdFor(accountId, stream), destinationId, replyTo));

    public OlderJournalReader(string persistenceId, string destinationId, IActorRef replyTo)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer => _state = StreamState.FromSnapshot((StreamSnapshot)offer.Snapshot));
        Recover<IStreamEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => Self.Tell(new HandOver()));
        Command<HandOver>(_ =>
        {
            if (LastSequenceNr == 0 || _state.HandedOverTo is not null || !_state.ClaimsProgress)
            {
                Reply(null);
                return;
            }
            // Marked before it is handed over: a crash in between loses the progress (a full re-read), never doubles it.
            Persist(new StreamEvents.ProgressHandedOver(destinationId), e =>
            {
                var progress = _state.ToSnapshot();
                _state = _state.Apply(e);
                Reply(progress);
            });
        });

        void Reply(StreamSnapshot? progress)
        {
            replyTo.Tell(new Result(progress, PersistenceId));
            Context.Stop(Self);
        }
    }
}
