using Microsoft.Extensions.Logging;

namespace Paystack.Actors.Paystack;

/// <summary>The client's log lines. Only method, relative URL and outcome; never headers, so never the key.</summary>
internal static partial class PaystackClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Request} -> {StatusCode} in {ElapsedMs} ms (attempt {Attempt})")]
    public static partial void Response(ILogger logger, string request, int statusCode, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Request} -> failed after {ElapsedMs} ms (attempt {Attempt}): {Cause}")]
    public static partial void Failed(ILogger logger, string request, long elapsedMs, int attempt, string cause);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Request} attempt {Attempt} failed: {Cause}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string request, int attempt, string cause, long delayMs);
}
