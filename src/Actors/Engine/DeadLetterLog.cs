using Akka.Actor;
using Akka.Event;

namespace Paystack.Actors.Engine;

/// <summary>
/// Every dead letter at debug level, with its type, sender and recipient. Akka's own listener logs only the first few
/// at info and then nothing; a message lost to a stopped actor is worth a line when looking into a problem, not a
/// warning in a run where actors stop on purpose. Timer and late-reply messages the engine expects to miss their
/// stopped recipient are marked <see cref="IDeadLetterSuppression"/> and are not logged.
/// </summary>
public sealed class DeadLetterLog : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public DeadLetterLog()
    {
        Receive<DeadLetter>(dead => _log.Debug("Dead letter: {0} from {1} to {2}",
            dead.Message.GetType().Name, dead.Sender.Path, dead.Recipient.Path));
    }

    /// <summary>Starts the listener; <see cref="Hosting.DeadLetterLogBuilderExtensions.WithDeadLetterLog"/> also switches Akka's own dead-letter logging off.</summary>
    public static IActorRef Start(ActorSystem system)
    {
        var listener = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new DeadLetterLog()), "dead-letter-log");
        system.EventStream.Subscribe(listener, typeof(DeadLetter));
        return listener;
    }
}
