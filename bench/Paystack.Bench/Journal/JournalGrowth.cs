using System.Diagnostics;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;
using Paystack.Sandbox;

namespace Paystack.Bench.Journal;

/// <summary>
/// The journal over many runs: one engine runs the same incremental stream again and again against a sandbox that
/// adds a record per request (so every run has something to journal), and prints the SQLite journal's rows and bytes
/// as the runs add up. With housekeeping the figures stop growing after the first run.
/// </summary>
public static class JournalGrowth
{
    private const string Stream = "customers";

    /// <returns>True when every run succeeded and the journal at the end is no larger than a tenth of the way in (plus 10% and 64 KB).</returns>
    public static async Task<bool> RunAsync(int runs)
    {
        var folder = Directory.CreateTempSubdirectory("paystack-journal-growth-").FullName;
        var journalPath = Path.Combine(folder, "journal.db");
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RecordsPerStream = 200,
                TestRateLimit = SandboxLimits.Unlimited,
                Faults = { NewRecordsPerRequest = 1 },
            });
            var defaults = SyncSettingsLoader.Defaults();
            var settings = defaults with
            {
                Engine = defaults.Engine with { SettleDelay = TimeSpan.Zero, WindowLength = TimeSpan.FromDays(3650) },
                RateLimits = defaults.RateLimits with { TestRequests = SandboxLimits.Unlimited, LiveRequests = SandboxLimits.Unlimited },
            };
            await using var host = await BenchEngine.WithSqliteJournalAsync(settings, journalPath);
            var engine = host.Engine;
            var destination = new InMemoryDestination();
            var clientOptions = settings.Http.ToClientOptions(sandbox.Options.TestKey, sandbox.BaseUrl);
            var job = SyncJobs.For(new SourceConfig(sandbox.Options.TestKey, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                [new StreamSelection(StreamCatalog.Get(Stream), SyncMode.Incremental, WriteMode.AppendDedup)]);

            Console.WriteLine($"Journal growth: {runs:N0} incremental runs of {Stream} in one engine, SQLite journal " +
                              $"(snapshot-interval {settings.Engine.SnapshotInterval}), a new record per request.");
            Console.WriteLine();
            Console.WriteLine("| runs | journal rows (all / live) | snapshot rows | journal.db KB | -wal KB | events persisted | ms per run |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            var checkpoints = Checkpoints(runs).ToHashSet();
            var clock = Stopwatch.StartNew();
            var lastCheckpoint = 0;
            var failures = 0;
            JournalFigures? early = null, last = null;
            for (var run = 1; run <= runs; run++)
            {
                var outcome = await engine.RunAsync(job, clientOptions, destination);
                if (!outcome.Succeeded) failures++;
                if (!checkpoints.Contains(run)) continue;

                var msPerRun = clock.Elapsed.TotalMilliseconds / (run - lastCheckpoint);
                var figures = await JournalFigures.ReadAsync(journalPath);
                Console.WriteLine($"| {run:N0} | {figures.JournalRows:N0} / {figures.LiveJournalRows:N0} | {figures.SnapshotRows:N0} | " +
                                  $"{figures.DatabaseBytes / 1024.0:N0} | {figures.WalBytes / 1024.0:N0} | {figures.HighestSequenceNr:N0} | {msPerRun:N1} |");
                if (run >= runs / 10 && early is null) early = figures;
                last = figures;
                lastCheckpoint = run;
                clock.Restart();
            }

            // The write-ahead log grows to SQLite's checkpoint size during the first runs, then its space is reused.
            var flat = early is not null && last is not null
                       && last.TotalBytes <= early.TotalBytes * 1.1 + 64 * 1024 && last.JournalRows <= early.JournalRows + 1;
            Console.WriteLine();
            Console.WriteLine($"- runs failed: {failures}; {destination.Ids(Stream).Count:N0} rows in the destination, " +
                              $"{sandbox.Store.Ids("customer", DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Count:N0} customers in the sandbox");
            Console.WriteLine($"- journal flat from run {runs / 10:N0} to run {runs:N0}: {(flat ? "met" : "NOT MET")}");
            return failures == 0 && flat;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>1, 10, 100, ... and every tenth of the way.</summary>
    private static IEnumerable<int> Checkpoints(int runs)
    {
        for (var n = 1; n < runs; n *= 10) yield return n;
        for (var i = 1; i <= 10; i++) yield return Math.Max(1, runs * i / 10);
    }

    private sealed record JournalFigures(long JournalRows, long LiveJournalRows, long SnapshotRows, long HighestSequenceNr, long DatabaseBytes, long WalBytes)
    {
        public long TotalBytes => DatabaseBytes + WalBytes;

        public static async Task<JournalFigures> ReadAsync(string path)
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            return new JournalFigures(
                await ScalarAsync(connection, "SELECT count(*) FROM journal"),
                await ScalarAsync(connection, "SELECT count(*) FROM journal WHERE deleted = 0"),
                await ScalarAsync(connection, "SELECT count(*) FROM snapshot"),
                await ScalarAsync(connection, "SELECT coalesce(max(sequence_number), 0) FROM journal"),
                new FileInfo(path).Length,
                File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        }

        private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
    }
}
