using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Paystack.Actors.Logging;
using Serilog.Events;

namespace Paystack.Actors.Hosting;

public static class EngineLoggingBuilderExtensions
{
    /// <summary>
    /// Akka's log events to Serilog's global logger at <paramref name="serilogLevel"/> (set it with
    /// <see cref="PaystackLogging.UseAsGlobal"/> before the host starts), or, with null, to Akka's own logger at
    /// warnings. Either way Akka's start-up logger writes nothing to stdout, which carries protocol output. No message
    /// formatter is set: with Akka 1.5.74 the semantic formatter is already the default.
    /// </summary>
    public static AkkaConfigurationBuilder WithEngineLogging(this AkkaConfigurationBuilder builder, LogEventLevel? serilogLevel) =>
        builder
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = serilogLevel is { } level ? AkkaLevel(level) : LogLevel.WarningLevel;
                loggers.LogConfigOnStart = false;
                loggers.ClearLoggers();
                if (serilogLevel is null) loggers.AddLogger<DefaultLogger>();
                else loggers.AddLogger<SerilogLogger>();
            })
            .AddHocon(ConfigurationFactory.ParseString("akka.stdout-loglevel = OFF"), HoconAddMode.Prepend);

    /// <summary>Akka has four levels; Serilog's Verbose maps to debug and Fatal to error.</summary>
    internal static LogLevel AkkaLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => LogLevel.DebugLevel,
        LogEventLevel.Information => LogLevel.InfoLevel,
        LogEventLevel.Warning => LogLevel.WarningLevel,
        _ => LogLevel.ErrorLevel,
    };
}
