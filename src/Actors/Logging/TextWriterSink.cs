using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Paystack.Actors.Logging;

/// <summary>Writes formatted events to a TextWriter (standard error by default), one event at a time.</summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
