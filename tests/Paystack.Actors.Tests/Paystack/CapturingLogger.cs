using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>Keeps every line logged at any level, fully formatted, with the exception text when there is one.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception);
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            // Structured values too, in case a sink renders them rather than the message.
            text += " | " + string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}"));
        }

        _lines.Enqueue((logLevel, exception is null ? text : $"{text}\n{exception}"));
    }
}
