using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>
/// Writes log events as Airbyte LOG messages through the same writer (and so under the same lock) as the protocol
/// messages: the platform records standard error at ERROR level, so a source keeps its logs on standard output.
/// </summary>
public sealed class AirbyteLogSink(AirbyteMessageWriter writer) : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Text = new("{Message:lj}", CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        using var message = new StringWriter(CultureInfo.InvariantCulture);
        Text.Format(logEvent, message);
        writer.Write(AirbyteMessage.ForLog(LevelOf(logEvent.Level), message.ToString(), logEvent.Exception?.ToString()));
    }

    public static AirbyteLogLevel LevelOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => AirbyteLogLevel.Trace,
        LogEventLevel.Debug => AirbyteLogLevel.Debug,
        LogEventLevel.Information => AirbyteLogLevel.Info,
        LogEventLevel.Warning => AirbyteLogLevel.Warn,
        LogEventLevel.Error => AirbyteLogLevel.Error,
        _ => AirbyteLogLevel.Fatal,
    };
}
