using Serilog.Core;
using Serilog.Events;

namespace Paystack.Actors.Logging;

/// <summary>Masks secrets in every event before handing it to the sink that writes it.</summary>
public sealed class RedactingSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(LogEventRedaction.Redact(logEvent, redactor));

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
