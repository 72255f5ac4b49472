using Paystack.Actors.Airbyte.Check;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Logging;
using Paystack.Host.Running;
using Serilog.Core;
using Serilog.Events;

namespace Paystack.Host.Airbyte;

/// <summary>
/// Stdout of the Airbyte verbs: nothing but protocol messages, one per line, logs included as LOG messages written
/// through the same writer. Standard error stays empty in a normal run.
/// </summary>
internal sealed class ProtocolOutput : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly Logger _log;

    private ProtocolOutput(AirbyteMessageWriter writer, TimeProvider clock)
    {
        Writer = writer;
        _clock = clock;
        _log = PaystackLogging.CreateLogger(LogOptions(LogEventLevel.Information));
    }

    public AirbyteMessageWriter Writer { get; }

    /// <summary>Masks the configured key in every LOG message; register it as soon as it is known.</summary>
    public SecretRedactor Redactor { get; } = new();

    /// <summary>
    /// Takes the process's stdout for protocol messages and turns whatever else is printed to Console.Out (a library's
    /// fallback console logger during shutdown, say) into LOG messages, so no non-protocol line reaches stdout.
    /// </summary>
    public static ProtocolOutput OpenStdout()
    {
        var output = new ProtocolOutput(new AirbyteMessageWriter(Console.OpenStandardOutput(), leaveOpen: false), TimeProvider.System);
        Console.SetOut(new ConsoleLogWriter(output.Writer, output.Redactor));
        return output;
    }

    /// <summary>Logging that ends up as LOG messages on this output, for the engine's logger too.</summary>
    public LogOptions LogOptions(LogEventLevel minimumLevel) => new()
    {
        MinimumLevel = minimumLevel,
        Sink = new AirbyteLogSink(Writer),
        Redactor = Redactor,
        LevelOverrides = new Dictionary<string, LogEventLevel> { ["Akka"] = LogEventLevel.Warning },
    };

    public void Write(AirbyteMessage message) => Writer.Write(message);

    public void Info(string message) => _log.Information("{Text:l}", message);

    public void Warn(string message) => _log.Warning("{Text:l}", message);

    public void Error(string message) => _log.Error("{Text:l}", message);

    /// <summary>Reports a problem the user must fix (config, catalog, state) and returns the exit code to use.</summary>
    public int ConfigError(string message, string? secret = null)
    {
        var safe = SecretScrubber.Scrub(message, secret);
        Error(safe);
        Writer.Write(AirbyteMessage.ForError(safe, FailureType.ConfigError, _clock.GetUtcNow()));
        return ExitCodes.BadInput;
    }

    /// <summary>Reports a failure of the program itself and returns the exit code to use.</summary>
    public int SystemError(Exception exception, string? secret = null)
    {
        var message = SecretScrubber.Scrub($"paystack-sync failed unexpectedly: {exception.Message}", secret);
        Error(message);
        Writer.Write(AirbyteMessage.ForError(message, FailureType.SystemError, _clock.GetUtcNow(),
            internalMessage: SecretScrubber.Scrub(exception.GetType().FullName + ": " + exception.Message, secret),
            stackTrace: SecretScrubber.Scrub(exception.ToString(), secret)));
        return ExitCodes.Failed;
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    public void Dispose()
    {
        Console.Out.Flush();
        // Stdout closes with the writer; a late line from a library (the process is ending) has nowhere to go.
        Console.SetOut(TextWriter.Null);
        _log.Dispose();
        Writer.Dispose();
    }
}
