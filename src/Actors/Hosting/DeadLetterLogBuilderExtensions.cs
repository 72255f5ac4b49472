using Akka.Configuration;
using Akka.Hosting;
using Paystack.Actors.Engine;

namespace Paystack.Actors.Hosting;

public static class DeadLetterLogBuilderExtensions
{
    /// <summary>
    /// Dead letters go to <see cref="DeadLetterLog"/> at debug level instead of Akka's info lines that stop after ten.
    /// The listener is one per system, so it is found in the ActorRegistry by its type.
    /// </summary>
    public static AkkaConfigurationBuilder WithDeadLetterLog(this AkkaConfigurationBuilder builder) =>
        builder
            .AddHocon(ConfigurationFactory.ParseString("akka.log-dead-letters = off"), HoconAddMode.Append)
            .WithActors((system, registry) => registry.Register<DeadLetterLog>(DeadLetterLog.Start(system)));
}
