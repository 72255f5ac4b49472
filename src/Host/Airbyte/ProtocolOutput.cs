using Paystack.Actors.Airbyte.Check;
using Paystack.Actors.Airbyte.Protocol;


namespace Paystack.Host.Airbyte;

/// <summary>
/// Stdout of the Airbyte verbs: nothing but protocol messages, one per line. Human-readable logs go to stderr.
/// </summary>
internal sealed class ProtocolOutput : IDisposable
{
    /// <summary>Exit code when the run failed because of its input; the reason is in a TRACE ERROR message.</summary>
    public const int ConfigErrorExitCode = 1;
    public const int SystemErrorExitCode = 2;

    private readonly TimeProvider _clock;

    private ProtocolOutput(AirbyteMessageWriter writer, TimeProvider clock)
    {
        Writer = writer;
        _clock = clock;
    }

    public AirbyteMessageWriter Writer { get; }

    /// <summary>
    /// Takes the process's stdout for protocol messages and points Console.Out at stderr, so that nothing else (a
    /// library's fallback console logger during shutdown, say) can put a non-protocol line on stdout.
    /// </summary>
    public static ProtocolOutput OpenStdout()
    {
        var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        return new ProtocolOutput(new AirbyteMessageWriter(stdout, leaveOpen: false), TimeProvider.System);
    }

    public void Write(AirbyteMessage message) => Writer.Write(message);

    /// <summary>Reports a problem the user must fix (config, catalog, state) and returns the exit code to use.</summary>
    public int ConfigError(string message, string? secret = null)
    {
        var safe = SecretScrubber.Scrub(message, secret);
        Log.Error(safe);
        Writer.Write(AirbyteMessage.ForError(safe, FailureType.ConfigError, _clock.GetUtcNow()));
        return ConfigErrorExitCode;
    }

    /// <summary>Reports a failure of the program itself and returns the exit code to use.</summary>
    public int SystemError(Exception exception, string? secret = null)
    {
        var message = SecretScrubber.Scrub($"paystack-sync failed unexpectedly: {exception.Message}", secret);
        Log.Error(message);
        Writer.Write(AirbyteMessage.ForError(message, FailureType.SystemError, _clock.GetUtcNow(),
            internalMessage: SecretScrubber.Scrub(exception.GetType().FullName + ": " + exception.Message, secret),
            stackTrace: SecretScrubber.Scrub(exception.ToString(), secret)));
        return SystemErrorExitCode;
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    public void Dispose() => Writer.Dispose();

    /// <summary>Plain stderr lines: the platform keeps them as logs and stdout stays pure protocol.</summary>
    internal static class Log
    {
        public static void Info(string message) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} INFO  {message}");
        public static void Warn(string message) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} WARN  {message}");
        public static void Error(string message) => Console.Error.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} ERROR {message}");
    }
}
