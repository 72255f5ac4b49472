using Serilog.Core;
using Serilog.Events;

namespace Paystack.Actors.Logging;

/// <summary>Where and how much the executable and the actor system log.</summary>
public sealed record LogOptions
{
    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Information;

    public LogFormat Format { get; init; } = LogFormat.Human;

    /// <summary>Destination; standard error when null (standard output carries protocol messages in Airbyte mode).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Where events go instead of a text writer (the Airbyte verbs' LOG messages); Format and Output are then unused.</summary>
    public ILogEventSink? Sink { get; init; }

    /// <summary>Masks secrets in every event; register the configured key here once it is known.</summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>Minimum levels per source prefix, e.g. "Akka" → Warning.</summary>
    public IReadOnlyDictionary<string, LogEventLevel> LevelOverrides { get; init; } = new Dictionary<string, LogEventLevel>();
}
