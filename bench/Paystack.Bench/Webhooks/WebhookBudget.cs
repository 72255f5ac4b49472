using Microsoft.Data.Sqlite;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.Reconciliation;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Bench.Webhooks;

/// <summary>
/// Requests spent over a simulated day to keep an account's changing streams current, three ways: hourly incremental
/// runs plus webhooks (one re-read per change) and a daily 35-day reconciliation; hourly runs plus a nightly full
/// refresh; hourly runs that each re-read a 35-day lookback. Each kind of run is measured once against the sandbox
/// (requests counted from its log) and multiplied by how often the day has it.
/// </summary>
public static class WebhookBudget
{
    private const int RunsPerDay = 24;
    private const int ChangesPerDay = 500;
    private const int HistoryDays = 730;

    /// <summary>Accounts of two sizes: 5 and 50 records a day per stream, over two years.</summary>
    private static readonly int[] RecordsPerStream = [3_650, 36_500];
    private static readonly string[] Streams = ["transactions", "refunds", "disputes", "transfers", "subscriptions", "invoices", "customers"];

    public static async Task<bool> RunAsync()
    {
        foreach (var records in RecordsPerStream) await RunAsync(records);
        return true;
    }

    private static async Task RunAsync(int recordsPerStream)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-webhook-budget-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RecordsPerStream = recordsPerStream, TestRateLimit = 1_000_000, DataStart = now.AddDays(-HistoryDays), DataEnd = now.AddHours(-1),
            });
            var defaults = SyncSettingsLoader.Defaults();
            var settings = defaults with
            {
                Engine = defaults.Engine with { SettleDelay = TimeSpan.Zero, WindowLength = TimeSpan.FromDays(3650) },
                RateLimits = defaults.RateLimits with { TestRequests = 1_000_000, LiveRequests = 1_000_000 },
            };
            var destinationPath = Path.Combine(folder, "out.db");
            await using var host = await BenchEngine.WithSqliteJournalAsync(settings, Path.Combine(folder, "journal.db"));
            var engine = host.Engine;
            var clientOptions = settings.Http.ToClientOptions(sandbox.Options.TestKey, sandbox.BaseUrl);
            var start = now.AddDays(-HistoryDays - 1);

            async Task<int> CountAsync(Func<Task> work)
            {
                sandbox.Requests.Clear();
                await work();
                return sandbox.Requests.Entries.Count;
            }
            SyncJob Job(SyncMode mode, WriteMode write, int lookback) => SyncJobs.For(new SourceConfig(sandbox.Options.TestKey, start, lookback),
                Streams.Select(s => new StreamSelection(StreamCatalog.Get(s), mode, write)).ToList());
            async Task RunAsync(SyncJob job, IDestination destination)
            {
                var outcome = await engine.RunAsync(job, clientOptions, destination);
                if (!outcome.Succeeded) throw new InvalidOperationException("a bench run failed");
            }

            Console.Error.WriteLine("running webhooks budget: initial sync ...");
            var initial = await CountAsync(async () =>
            {
                await using var destination = new SqliteDestination(new SqliteDestinationOptions(destinationPath));
                await RunAsync(Job(SyncMode.Incremental, WriteMode.AppendDedup, 0), destination);
            });
            var hourly = await CountAsync(async () =>
            {
                await using var destination = new SqliteDestination(new SqliteDestinationOptions(destinationPath));
                await RunAsync(Job(SyncMode.Incremental, WriteMode.AppendDedup, 0), destination);
            });
            var hourlyLookback = await CountAsync(async () =>
            {
                await using var destination = new SqliteDestination(new SqliteDestinationOptions(destinationPath));
                await RunAsync(Job(SyncMode.Incremental, WriteMode.AppendDedup, 35), destination);
            });
            var fullRefresh = await CountAsync(() => RunAsync(Job(SyncMode.FullRefresh, WriteMode.Overwrite, 0), new InMemoryDestination()));
            var reconcile = await CountAsync(async () =>
            {
                using var client = new PaystackClient(clientOptions);
                var reconciler = new Reconciler(
                    new ReconcileOptions(sandbox.Options.TestKey, Streams.Select(StreamCatalog.Get).ToList(), WriteMode.AppendDedup,
                        TimeSpan.FromDays(35), settings.Engine.PageSize, TimeSpan.Zero),
                    client, () => new SqliteDestination(new SqliteDestinationOptions(destinationPath)),
                    StoredRecords.For(DestinationSpec.Parse("sqlite:" + destinationPath)), TimeProvider.System);
                await reconciler.RunAsync(CancellationToken.None);
            });

            var ceiling = 600.0 * 60 * 24; // a live key's 600 a minute, over a day
            var rows = new (string Way, long Requests, string Fresh)[]
            {
                ($"{RunsPerDay} hourly runs + webhooks ({ChangesPerDay} re-reads) + one 35-day reconciliation",
                    RunsPerDay * hourly + ChangesPerDay + reconcile, "seconds (webhooks); a missed webhook within a day, inside 35 days"),
                ($"{RunsPerDay - 1} hourly runs + one nightly full refresh", (RunsPerDay - 1) * hourly + fullRefresh, "up to a day, any age"),
                ($"{RunsPerDay} hourly runs with a 35-day lookback", RunsPerDay * hourlyLookback, "up to an hour; never for records older than 35 days"),
            };
            Console.WriteLine($"Webhooks budget: {Streams.Length} streams of {recordsPerStream:N0} records over {HistoryDays} days ({recordsPerStream / HistoryDays} a day each), " +
                              $"{ChangesPerDay} changes a day, {settings.Engine.PageSize} records a page.");
            Console.WriteLine($"Measured once each: initial sync {initial:N0} requests; hourly run {hourly:N0}; hourly run with a 35-day lookback " +
                              $"{hourlyLookback:N0}; full refresh {fullRefresh:N0}; 35-day reconciliation {reconcile:N0}.");
            Console.WriteLine();
            Console.WriteLine("| keeping current by | requests a day | of a live key's daily ceiling | changes seen after |");
            Console.WriteLine("|---|---:|---:|---|");
            foreach (var (way, requests, fresh) in rows)
                Console.WriteLine($"| {way} | {requests:N0} | {requests / ceiling:P2} | {fresh} |");
            Console.WriteLine();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
