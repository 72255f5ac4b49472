using Serilog.Core;
using Serilog.Events;

namespace Paystack.Actors.Tests.Logging;

/// <summary>Keeps the events it receives, to look at what reached a sink.</summary>
internal sealed class ListSink(List<LogEvent> events) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (events)
            events.Add(logEvent);
    }
}
