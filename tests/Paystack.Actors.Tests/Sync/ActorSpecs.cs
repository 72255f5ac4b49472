using Akka.Actor;

namespace Paystack.Actors.Tests.Sync;

/// <summary>What the actor specs share.</summary>
internal static class ActorSpecs
{
    /// <summary>
    /// Akka's TestScheduler as the system's scheduler: timers fire only when a spec calls
    /// <c>((TestScheduler)Sys.Scheduler).Advance(...)</c>, and <c>Sys.Scheduler.Now</c> is the virtual clock.
    /// </summary>
    public const string VirtualTime = """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """;

    /// <summary>
    /// Completes once <paramref name="actor"/> has handled every message sent to it before this call: <see cref="Identify"/>
    /// is answered in mailbox order. What the actor did in those handlers (tells, timers, children) has happened by then.
    /// </summary>
    public static Task Drained(this IActorRef actor) => actor.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3));
}
