using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Tests.Engine;

/// <summary>Dead letters are logged at debug level, each one; messages marked as expected to miss are not.</summary>
public sealed class DeadLetterLogSpec() : TestKit("akka.loglevel = DEBUG\nakka.log-dead-letters = off")
{
    [Fact]
    public async Task A_message_to_a_stopped_actor_is_logged_at_debug_naming_its_type_and_recipient()
    {
        DeadLetterLog.Start(Sys);
        var gone = Sys.ActorOf(Props.Empty, "gone");
        await gone.GracefulStop(TimeSpan.FromSeconds(3));

        await EventFilter.Debug(contains: "Dead letter: String from").ExpectOneAsync(() =>
        {
            gone.Tell("late");
            return Task.CompletedTask;
        });
        await EventFilter.Debug(contains: "Dead letter: Expected").ExpectAsync(0, () =>
        {
            gone.Tell(new Expected());
            return Task.CompletedTask;
        });
    }

    private sealed record Expected : IDeadLetterSuppression;
}
