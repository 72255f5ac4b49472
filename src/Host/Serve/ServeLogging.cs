using Paystack.Actors.Logging;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Paystack.Host.Serve.Accounts;
using Serilog.Events;

namespace Paystack.Host.Serve;

/// <summary>How a serve process logs, in one process or as a cluster member.</summary>
internal static class ServeLogging
{
    /// <summary>Lines the admin endpoint's <c>/admin/logs</c> can return.</summary>
    private const int LinesKept = 2000;

    /// <summary>
    /// Every line also goes to a ring the admin endpoint reads; Akka and ASP.NET Core speak at warning and above (the host's
    /// start and stop excepted); the admin token and every account's key are redacted before anything is written.
    /// </summary>
    public static (LogOptions Options, LogRing Ring) Options(
        ServeOptions options, AdminBinding binding, IEnumerable<ServeAccount> accounts, TextWriter? output)
    {
        var ring = new LogRing(LinesKept);
        var logOptions = EngineRuntime.LogOptions(options.LogLevel, options.LogJson, new LogRingWriter(output ?? Console.Error, ring)) with
        {
            LevelOverrides = new Dictionary<string, LogEventLevel>
            {
                ["Akka"] = LogEventLevel.Warning,
                ["Microsoft"] = LogEventLevel.Warning,
                ["Microsoft.Hosting.Lifetime"] = LogEventLevel.Information,
            },
        };
        logOptions.Redactor.Register(binding.Token);
        foreach (var account in accounts) logOptions.Redactor.Register(account.Request.Source.SecretKey);
        return (logOptions, ring);
    }
}
