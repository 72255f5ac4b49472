using System.CommandLine;
using Paystack.Actors.Airbyte;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Host.Admin;
using Paystack.Host.Serve;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync serve --config FILE --destination SPEC --every 15m</c>: runs syncs on a schedule until SIGTERM, with
/// an admin endpoint (health, status, actors, logs, trigger, pause/resume, Prometheus metrics).
/// </summary>
internal static class ServeCommand
{
    public const int InvalidOptionsExitCode = 2;

    public static Command Create()
    {
        var config = new Option<string>("--config")
        {
            Description = "Source config JSON (secret_key or env PAYSTACK_SECRET_KEY, start_date, lookback_window_days, base_url).",
            HelpName = "FILE",
            Required = true,
        };
        var hocon = new Option<string?>("--hocon") { Description = "HOCON file with engine settings (see docs/configuration.md).", HelpName = "FILE" };
        var destination = new Option<string>("--destination")
        {
            Description = "Where records go: sqlite:PATH or postgres:CONNECTION_STRING.",
            HelpName = "SPEC",
            Required = true,
        };
        var streams = new Option<string?>("--streams") { Description = "Comma-separated streams to sync (default: all).", HelpName = "LIST" };
        var mode = new Option<string?>("--mode") { Description = "append, overwrite or append_dedup (default).", HelpName = "MODE" };
        var every = new Option<string?>("--every") { Description = "Run at this interval, e.g. 15m, 1h.", HelpName = "DURATION" };
        var cron = new Option<string?>("--cron") { Description = "Run on this cron schedule (UTC), e.g. \"*/15 * * * *\".", HelpName = "EXPRESSION" };
        var noRunAtStart = new Option<bool>("--no-run-at-start") { Description = "Wait for the first scheduled time instead of running at start." };
        var adminUrls = new Option<string?>("--admin-urls")
        {
            Description = $"Admin endpoint address(es), comma-separated (default: {AdminBinding.UrlsSetting}, {AdminBinding.DefaultUrl}).",
            HelpName = "URLS",
        };
        var adminToken = new Option<string?>("--admin-token")
        {
            Description = $"Bearer token for /admin and /metrics (or env {AdminBinding.TokenEnvironmentVariable}); required off loopback.",
            HelpName = "TOKEN",
        };
        var logLevel = new Option<string?>("--log-level") { Description = "verbose, debug, information (default), warning, error.", HelpName = "LEVEL" };
        var logJson = new Option<bool>("--log-json") { Description = "Write logs as compact JSON lines." };

        var command = new Command("serve", "Run syncs on a schedule as a service, with an admin endpoint and Prometheus metrics.")
        {
            config, hocon, destination, streams, mode, every, cron, noRunAtStart, adminUrls, adminToken, logLevel, logJson,
        };
        // Synchronous on purpose: the Generic Host handles SIGTERM itself and needs longer than the parser's 2 s grace to stop a run.
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            ServeOptions options;
            try
            {
                var urls = parseResult.GetValue(adminUrls);
                options = new ServeOptions(
                    parseResult.GetValue(config)!,
                    parseResult.GetValue(hocon),
                    DestinationSpec.Parse(parseResult.GetValue(destination)),
                    ServeOptions.ParseStreams(parseResult.GetValue(streams)),
                    ServeOptions.ParseWriteMode(parseResult.GetValue(mode)),
                    RunSchedule.Parse(parseResult.GetValue(every), parseResult.GetValue(cron)),
                    urls is null ? null : AdminBinding.Split(urls),
                    parseResult.GetValue(adminToken) ?? Environment.GetEnvironmentVariable(AdminBinding.TokenEnvironmentVariable),
                    RunAtStart: !parseResult.GetValue(noRunAtStart),
                    LogLevel: parseResult.GetValue(logLevel),
                    LogJson: parseResult.GetValue(logJson));
            }
            catch (ArgumentException invalid)
            {
                error.WriteLine($"serve: {invalid.Message}");
                return InvalidOptionsExitCode;
            }
            return RunAsync(options, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, TextWriter error)
    {
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(options);
        }
        catch (Exception invalid) when (invalid is SyncConfigurationException or AirbyteConfigException or ArgumentException)
        {
            await error.WriteLineAsync($"serve: {invalid.Message}");
            return InvalidOptionsExitCode;
        }
        catch (IOException bindFailure)
        {
            await error.WriteLineAsync($"serve: cannot listen on the admin address: {bindFailure.Message}");
            return 1;
        }

        await using (host)
            await host.WaitForShutdownAsync();
        return 0;
    }
}
