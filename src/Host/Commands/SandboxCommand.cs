using System.CommandLine;
using System.Globalization;
using Paystack.Host.Running;
using Paystack.Sandbox;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync sandbox</c>: runs the fake Paystack API on 127.0.0.1 until Ctrl+C, printing its base URL and the
/// test and live keys it accepts. Data volume, seed, rate limits and faults are options.
/// </summary>
internal static class SandboxCommand
{

    public static Command Create()
    {
        var defaults = new SandboxOptions();
        var port = Option("--port", "TCP port on 127.0.0.1 (0 picks a free one).", 8089);
        var records = Option("--records", "Generated records per resource.", defaults.RecordsPerStream);
        var streamRecords = new Option<string[]>("--stream-records")
        {
            Description = "Per-resource count as PATH=N, e.g. transaction=1000000 (repeatable).",
            HelpName = "PATH=N",
            AllowMultipleArgumentsPerToken = true,
        };
        var accounts = Option("--accounts",
            "Further accounts, each with its own key (sk_test_account01, ...), data set, rate limit and request log.", 0);
        var seed = Option("--seed", "Seed of the generated data (and of the fault dice).", defaults.Seed);
        var latency = Option("--latency-ms", "Delay added to every answer, in milliseconds.", 0);
        var jitter = Option("--jitter-ms", "Extra random delay up to this many milliseconds.", 0);
        var errorRate = Option("--error-rate", "Fraction of requests answered 500/502/503.", 0.0);
        var resetRate = Option("--reset-rate", "Fraction of requests whose connection is aborted.", 0.0);
        var truncatedRate = Option("--truncated-rate", "Fraction of requests answered 200 with half a JSON body.", 0.0);
        var htmlRate = Option("--html-rate", "Fraction of requests answered with an HTML 502 page.", 0.0);
        var newRecords = Option("--new-records-per-request", "Records created \"now\" before each list request.", 0);
        var testLimit = Option("--test-rate-limit", "Requests per window for the test key.", defaults.TestRateLimit);
        var liveLimit = Option("--live-rate-limit", "Requests per window for the live key.", defaults.LiveRateLimit);
        var window = Option("--rate-window-seconds", "Length of the rolling rate-limit window.", defaults.RateLimitWindow.TotalSeconds);
        var maxPage = Option("--max-page-size", "Largest perPage served; see --oversized-page for bigger requests.", defaults.MaxPageSize);
        var oversized = Option("--oversized-page",
            "A perPage above --max-page-size is clamped (and meta says so), clamp-hidden (meta echoes the size asked) or refuse (400).",
            "clamp");
        oversized.AcceptOnlyFromAmong("clamp", "clamp-hidden", "refuse");
        var fromExclusive = new Option<bool>("--from-exclusive") { Description = "Exclude records created exactly at 'from'." };
        var toInclusive = new Option<bool>("--to-inclusive") { Description = "Include records created exactly at 'to'." };
        var webhookUrl = new Option<Uri?>("--webhook-url")
        {
            Description = "Change records over time and deliver their signed webhooks (test key) to this URL.", HelpName = "URL",
        };
        var changesPerMinute = Option("--changes-per-minute", "With --webhook-url: records changed a minute.", 60.0);
        var dropRate = Option("--webhook-drop-rate", "With --webhook-url: fraction of deliveries never sent.", 0.0);
        var duplicateRate = Option("--webhook-duplicate-rate", "With --webhook-url: fraction of deliveries sent twice.", 0.0);
        var reorderRate = Option("--webhook-reorder-rate", "With --webhook-url: fraction of deliveries sent after the next one.", 0.0);
        var forgeRate = Option("--webhook-forge-rate", "With --webhook-url: fraction of deliveries signed with a wrong key.", 0.0);
        var webhookDelay = Option("--webhook-delay-ms", "With --webhook-url: wait before each delivery, in milliseconds.", 0);

        var command = new Command("sandbox", "Run a fake Paystack API (deterministic data, rate limits, faults) until Ctrl+C.")
        {
            port, records, streamRecords, accounts, seed, latency, jitter, errorRate, resetRate, truncatedRate, htmlRate, newRecords,
            testLimit, liveLimit, window, maxPage, oversized, fromExclusive, toInclusive,
            webhookUrl, changesPerMinute, dropRate, duplicateRate, reorderRate, forgeRate, webhookDelay,
        };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            SandboxOptions options;
            try
            {
                options = new SandboxOptions
                {
                    Seed = parseResult.GetValue(seed),
                    RecordsPerStream = parseResult.GetValue(records),
                    GeneratedAccounts = parseResult.GetValue(accounts),
                    TestRateLimit = parseResult.GetValue(testLimit),
                    LiveRateLimit = parseResult.GetValue(liveLimit),
                    RateLimitWindow = TimeSpan.FromSeconds(parseResult.GetValue(window)),
                    MaxPageSize = parseResult.GetValue(maxPage),
                    OversizedPage = parseResult.GetValue(oversized) switch
                    {
                        "refuse" => OversizedPage.Refuse,
                        "clamp-hidden" => OversizedPage.ClampHidden,
                        _ => OversizedPage.Clamp,
                    },
                    FromInclusive = !parseResult.GetValue(fromExclusive),
                    ToInclusive = parseResult.GetValue(toInclusive),
                    Faults =
                    {
                        Latency = TimeSpan.FromMilliseconds(parseResult.GetValue(latency)),
                        LatencyJitter = TimeSpan.FromMilliseconds(parseResult.GetValue(jitter)),
                        ServerErrorRate = parseResult.GetValue(errorRate),
                        ResetRate = parseResult.GetValue(resetRate),
                        TruncatedRate = parseResult.GetValue(truncatedRate),
                        HtmlErrorRate = parseResult.GetValue(htmlRate),
                        NewRecordsPerRequest = parseResult.GetValue(newRecords),
                    },
                };
                foreach (var entry in parseResult.GetValue(streamRecords) ?? [])
                {
                    var (path, count) = ParseStreamRecords(entry);
                    options.Records[path] = count;
                }
            }
            catch (ArgumentException invalid)
            {
                await error.WriteLineAsync($"sandbox: {invalid.Message}");
                return ExitCodes.BadInput;
            }

            SandboxServer server;
            try
            {
                server = await SandboxServer.StartAsync(options, parseResult.GetValue(port), cancellation);
            }
            catch (ArgumentException invalid)
            {
                await error.WriteLineAsync($"sandbox: {invalid.Message}");
                return ExitCodes.BadInput;
            }
            catch (IOException bindFailure)
            {
                await error.WriteLineAsync($"Cannot listen on 127.0.0.1:{parseResult.GetValue(port)}: {bindFailure.Message}");
                return ExitCodes.Failed;
            }

            await using (server)
            {
                await output.WriteLineAsync($"Paystack sandbox listening on {server.BaseUrl}");
                await output.WriteLineAsync($"  test key: {options.TestKey}  ({options.TestRateLimit} requests / {options.RateLimitWindow.TotalSeconds:0.###} s)");
                await output.WriteLineAsync($"  live key: {options.LiveKey}  ({options.LiveRateLimit} requests / {options.RateLimitWindow.TotalSeconds:0.###} s)");
                await output.WriteLineAsync($"  resources: {string.Join(", ", SandboxStore.Paths.Select(p => $"{p} ({server.Store.Count(p)})"))}");
                foreach (var account in server.Accounts.Skip(2))
                    await output.WriteLineAsync(
                        $"  account key: {account.Key}  ({account.RateLimit} requests / {account.RateLimitWindow.TotalSeconds:0.###} s, {account.Store.Count("transaction")} transactions)");
                WebhookFeed? feed = null;
                if (parseResult.GetValue(webhookUrl) is { } target)
                {
                    feed = new WebhookFeed(server.Store, new WebhookSender(target, options.TestKey, new WebhookDeliveryOptions
                    {
                        DropRate = parseResult.GetValue(dropRate),
                        DuplicateRate = parseResult.GetValue(duplicateRate),
                        ReorderRate = parseResult.GetValue(reorderRate),
                        ForgeRate = parseResult.GetValue(forgeRate),
                        Delay = TimeSpan.FromMilliseconds(parseResult.GetValue(webhookDelay)),
                        Seed = options.Seed,
                    }), parseResult.GetValue(changesPerMinute), options.Seed);
                    await output.WriteLineAsync($"  changing {parseResult.GetValue(changesPerMinute)} records a minute, webhooks to {target}");
                }
                await output.WriteLineAsync("Press Ctrl+C to stop.");
                try
                {
                    await (feed?.RunAsync(cancellation) ?? Task.CompletedTask);
                    await Task.Delay(Timeout.Infinite, cancellation);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop cleanly.
                }
                if (feed is not null)
                    await output.WriteLineAsync($"Changed {feed.Changed} records; webhook answers: {string.Join(", ", feed.Answers.Select(a => $"{a.Key}: {a.Value}"))}");
                await output.WriteLineAsync($"Stopped after {server.Requests.Count()} requests.");
            }
            return 0;
        });
        return command;
    }

    private static Option<T> Option<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static (string Path, int Count) ParseStreamRecords(string entry)
    {
        var parts = entry.Split('=', 2);
        if (parts.Length != 2 || !SandboxStore.Paths.Contains(parts[0])
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new ArgumentException(
                $"--stream-records '{entry}' must be PATH=N with PATH one of {string.Join(", ", SandboxStore.Paths)} and N a whole number.");
        return (parts[0], count);
    }
}
