using Akka.Hosting;

namespace Paystack.Actors.Hosting;

/// <summary>The whole engine's actor system in one call: every verb and <c>serve</c> configure it through here.</summary>
public static class EngineAkkaBuilderExtensions
{
    /// <summary>
    /// Journal, dead-letter log, scheduler clock, then the overrides and the loggers, in rising precedence: an
    /// <c>akka</c> section in the user's HOCON outranks the journal, as it always did.
    /// </summary>
    public static AkkaConfigurationBuilder WithPaystackEngine(this AkkaConfigurationBuilder builder, EngineSystemOptions options)
    {
        if (options.InMemoryJournal) builder.WithInMemoryJournal();
        else builder.WithSyncJournal(options.Settings.Persistence);
        return builder
            .WithDeadLetterLog()
            .WithSchedulerClock()
            .AddHocon(options.Overrides, HoconAddMode.Prepend)
            .WithEngineLogging(options.SerilogLevel);
    }
}
