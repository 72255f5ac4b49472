using Paystack.Actors.Logging;
using Serilog.Core;
using Serilog.Extensions.Logging;

namespace Paystack.Host.Running;

/// <summary>
/// The process's redacted Serilog logger, also Serilog's global one (Akka's log events go there), and a
/// Microsoft.Extensions.Logging factory over it for the HTTP client.
/// </summary>
internal sealed class EngineLogging : IAsyncDisposable
{
    private EngineLogging(Logger logger)
    {
        Logger = logger;
        Factory = new SerilogLoggerFactory(logger);
    }

    public Logger Logger { get; }
    public SerilogLoggerFactory Factory { get; }

    /// <param name="secretKey">Registered with the redactor before anything is logged.</param>
    public static EngineLogging Start(LogOptions options, string secretKey)
    {
        options.Redactor.Register(secretKey);
        var logger = PaystackLogging.CreateLogger(options);
        PaystackLogging.UseAsGlobal(logger);
        return new EngineLogging(logger);
    }

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        await Logger.DisposeAsync();
    }
}
