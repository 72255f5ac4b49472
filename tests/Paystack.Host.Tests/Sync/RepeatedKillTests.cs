using System.Diagnostics;
using System.Globalization;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// Twenty SIGKILLs at random moments of runs into one destination (SQLite, and PostgreSQL where CI starts it), back to
/// back, then one run left alone: it
/// exits 0 and the destination holds every source record (once, except in append mode, which may repeat rows read
/// before a kill).
/// </summary>
/// <remarks>
/// A full run takes ~2-4 s here (about 1-2 s of start-up, then ~2 s of pages), and each kill comes 0.3-3 s after the
/// process started, so kills land in start-up, mid-run and, for overwrite, around the swap at the end. On a loaded
/// machine start-up takes longer, so the window grows (up to 8 s) with the mean start-up seen (process start to its
/// first request), or, before any run has reached its first request, with the latest kill that came before one, to keep
/// reaching the later phases. The seed is printed; set PAYSTACK_TEST_KILL_SEED to replay one (the
/// window still follows the machine's speed). One class per destination kind, so that the two run side by side.
/// </remarks>
public abstract class RepeatedKillTests(ITestOutputHelper output)
{
    private const int Kills = 20;
    private const int RecordsPerStream = 1_500;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    /// <summary>The latest a kill comes: on a machine so busy that start-up takes seconds, kills must still reach runs that read.</summary>
    private static readonly TimeSpan MaxKillWindow = TimeSpan.FromSeconds(8);

    /// <summary>The destination kind these runs write to (<see cref="SyncDestinations.Kinds"/>).</summary>
    protected abstract string Kind { get; }

    public static TheoryData<string> Modes() => new(LeaseTesting.Modes);

    [SkippableTheory]
    [MemberData(nameof(Modes))]
    public async Task Runs_killed_twenty_times_at_random_moments_then_run_once_more_leave_every_record(string mode)
    {
        var kind = Kind;
        Skip.IfNot(SyncDestinations.Available(kind), $"no {kind} server for the tests ({SyncDestinations.PostgresVariable} is not set)");
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PAYSTACK_TEST_KILL_SEED"), CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (PAYSTACK_TEST_KILL_SEED={seed} replays it)");
        var random = new Random(seed);

        using var files = new TempFiles();
        await using var sandbox = await StartSandboxAsync(NewTestKey("rkill"), RecordsPerStream, Latency);
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var args = SyncArguments(WriteConfig(files.Folder, "config.json", sandbox), destination,
            Path.Combine(files.Folder, "journal.db"), mode);
        var expected = Enumerable.Range(0, LeaseTesting.Streams.Length)
            .ToDictionary(i => LeaseTesting.Streams[i], i => sandbox.Store.Ids(Paths[i]).Order(StringComparer.Ordinal).ToList());

        int killed = 0, killedInStartUp = 0;
        var startUps = new List<TimeSpan>();
        var latestKillInStartUp = TimeSpan.Zero;
        for (var attempt = 1; attempt <= Kills; attempt++)
        {
            // Until a run has reached its first request, start-up lasts at least as long as the latest kill that came before one.
            var meanStartUp = startUps.Count == 0 ? Math.Max(1.0, latestKillInStartUp.TotalSeconds) : startUps.Average(t => t.TotalSeconds);
            var window = TimeSpan.FromSeconds(Math.Clamp(meanStartUp + 2, 3, MaxKillWindow.TotalSeconds));
            var delay = TimeSpan.FromSeconds(0.3) + (window - TimeSpan.FromSeconds(0.3)) * random.NextDouble();
            var requestsBefore = sandbox.Requests.Count();
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            int exitCode;
            string stderr;
            await using (var run = RunningCli.Start(args, SyncKillTests.FastEngine))
            {
                await Task.Delay(delay);
                if (!run.HasExited)
                {
                    try
                    {
                        await run.KillAsync();
                    }
                    catch (InvalidOperationException) when (run.HasExited)
                    {
                        // it ended by itself just before the kill
                    }
                }
                exitCode = run.ExitCode;
                stderr = run.Stderr;
                // Killed (137), or it finished before the kill came (0). Any other code is a failed run: exit 3 would
                // mean an earlier killed run still held the lease.
                Assert.True(exitCode is SigkillExitCode or 0, $"run {attempt} exited {exitCode}:\n{Output(run)}");
            }
            // The sandbox logs a request when it answers it: leave out those the previous, killed run had sent.
            var answered = sandbox.Requests.Entries.Skip(requestsBefore).Where(r => r.Timestamp >= started).ToList();
            var requests = answered.Count;
            if (requests > 0) startUps.Add(answered.Min(r => r.Timestamp) - started);
            if (exitCode == SigkillExitCode)
            {
                killed++;
                if (requests == 0)
                {
                    killedInStartUp++;
                    if (delay > latestKillInStartUp) latestKillInStartUp = delay;
                }
            }
            output.WriteLine(
                $"run {attempt,2}: {(exitCode == SigkillExitCode ? "killed" : "had ended by itself")} after {clock.Elapsed.TotalSeconds:F2} s (kill planned at {delay.TotalSeconds:F2} s), " +
                $"exit {exitCode}, {requests} requests answered, rows now: " +
                string.Join(", ", await Task.WhenAll(LeaseTesting.Streams.Select(async s => $"{s} {(await readIds(s)).Count}"))));
            // What the run logged (warnings and up): a realigned or restarted stream says so here.
            foreach (var line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                output.WriteLine($"        {line}");
            await AssertInvariantsAfterAKillAsync(readIds, mode, expected, attempt);
        }
        output.WriteLine($"{killed} of {Kills} runs killed: {killedInStartUp} before a request was answered, {killed - killedInStartUp} after; " +
                         $"{Kills - killed} had ended by themselves; start-ups {(startUps.Count == 0 ? "-" : $"{startUps.Min().TotalSeconds:F2}-{startUps.Max().TotalSeconds:F2} s")}");
        // Once a run of an append mode completes, the runs after it are short and may all end before their kill: what
        // must hold is that some kill landed while a run was reading.
        Assert.True(killed - killedInStartUp >= 1, "no run was killed after it had started reading");

        var clockFinal = Stopwatch.StartNew();
        var final = await CliRunner.RunAsync(args, SyncKillTests.FastEngine, Bound);
        output.WriteLine($"final run: exit {final.ExitCode} in {clockFinal.Elapsed.TotalSeconds:F2} s\n{final.Stderr}");
        Assert.True(final.ExitCode == 0, $"the run after {killed} kills failed:\n{final}");

        var duplicates = await AssertEveryRecordAsync(readIds, sandbox, allowDuplicates: mode == "append");
        output.WriteLine($"{killed} runs killed; {duplicates} duplicate rows after the final run ({mode}, {kind})");
        if (mode == "overwrite")
        {
            foreach (var stream in LeaseTesting.Streams)
                Assert.True((await readIds(stream + "__staging")).Count == 0, $"{stream}__staging is left after a completed overwrite");
        }
    }

    /// <summary>
    /// What must hold at every moment, a kill included: an overwrite swaps in a whole table or nothing, so the table is
    /// either not there yet (no rows) or holds exactly the source's records; append_dedup never holds an id twice.
    /// </summary>
    private static async Task AssertInvariantsAfterAKillAsync(
        Func<string, Task<IReadOnlyList<string>>> readIds, string mode, Dictionary<string, List<string>> expected, int attempt)
    {
        foreach (var stream in LeaseTesting.Streams)
        {
            var ids = await readIds(stream);
            if (ids.Count == 0) continue;
            switch (mode)
            {
                case "overwrite":
                    var sorted = ids.Order(StringComparer.Ordinal).ToList();
                    Assert.True(sorted.SequenceEqual(expected[stream]),
                        $"after kill {attempt}, {stream} holds {ids.Count} rows ({ids.Distinct().Count()} ids), not the source's {expected[stream].Count}: a partial table was swapped in");
                    break;
                case "append_dedup":
                    Assert.True(ids.Count == ids.Distinct().Count(), $"after kill {attempt}, {stream} holds {ids.Count - ids.Distinct().Count()} duplicate rows");
                    break;
            }
        }
    }
}

public sealed class SqliteRepeatedKillTests(ITestOutputHelper output) : RepeatedKillTests(output)
{
    protected override string Kind => "sqlite";
}

public sealed class PostgresRepeatedKillTests(ITestOutputHelper output) : RepeatedKillTests(output)
{
    protected override string Kind => "postgres";
}
