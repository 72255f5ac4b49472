using Akka.Configuration;
using Akka.Logger.Serilog;
using Serilog.Events;

namespace Paystack.Actors.Logging;

/// <summary>
/// The actor system's logging as HOCON, independent of Akka.Hosting: every Akka log event goes to Serilog's static
/// Log.Logger (set it with <see cref="PaystackLogging.UseAsGlobal"/> before the actor system starts).
/// No log message formatter is set: with Akka 1.5.74 the semantic formatter is already the default.
/// </summary>
public static class AkkaSerilogLogging
{
    public static readonly string LoggerTypeName =
        $"{typeof(SerilogLogger).FullName}, {typeof(SerilogLogger).Assembly.GetName().Name}";

    /// <summary>
    /// The akka.loggers / akka.loglevel fragment for <paramref name="minimumLevel"/>. The standard-out logger that
    /// Akka uses while starting is switched off, so nothing but protocol output ever reaches stdout.
    /// </summary>
    public static Config Config(LogEventLevel minimumLevel = LogEventLevel.Information) =>
        ConfigurationFactory.ParseString(Hocon(minimumLevel));

    public static string Hocon(LogEventLevel minimumLevel = LogEventLevel.Information) => $$"""
        akka {
          loggers = ["{{LoggerTypeName}}"]
          loglevel = {{AkkaLevel(minimumLevel)}}
          stdout-loglevel = OFF
          log-config-on-start = off
        }
        """;

    /// <summary>Akka has four levels; Serilog's Verbose maps to DEBUG and Fatal to ERROR.</summary>
    public static string AkkaLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        _ => "ERROR",
    };
}
