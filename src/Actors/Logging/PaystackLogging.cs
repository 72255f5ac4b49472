using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Paystack.Actors.Logging;

/// <summary>Builds the Serilog logger of the executable and the actor system; every event passes the secret redaction.</summary>
public static class PaystackLogging
{
    public const string HumanTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static Logger CreateLogger(LogOptions options)
    {
        ITextFormatter formatter = options.Format switch
        {
            LogFormat.CompactJson => new CompactJsonFormatter(),
            _ => new MessageTemplateTextFormatter(HumanTemplate, CultureInfo.InvariantCulture),
        };
        var sink = new RedactingSink(options.Sink ?? new TextWriterSink(formatter, options.Output ?? Console.Error), options.Redactor);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            .Enrich.FromLogContext()
            .WriteTo.Sink(sink);
        foreach (var (source, level) in options.LevelOverrides)
            configuration.MinimumLevel.Override(source, level);
        return configuration.CreateLogger();
    }

    /// <summary>Makes <paramref name="logger"/> Serilog's static Log.Logger, the one Akka.Logger.Serilog writes to.</summary>
    public static void UseAsGlobal(ILogger logger) => Log.Logger = logger;

    /// <summary>Reads a level name: verbose, debug, information/info, warning/warn, error, fatal (any case).</summary>
    public static bool TryParseLevel(string? text, out LogEventLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info": level = LogEventLevel.Information; return true;
            case "warn": level = LogEventLevel.Warning; return true;
            case "trace": level = LogEventLevel.Verbose; return true;
            case { } name when !int.TryParse(name, out _) && Enum.TryParse(name, ignoreCase: true, out level):
                return true;
            default: level = LogEventLevel.Information; return false;
        }
    }
}
