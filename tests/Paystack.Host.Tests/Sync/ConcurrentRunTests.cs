using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// Two <c>sync</c> processes of one account into one destination at once: the second is refused (exit 3) or, with
/// <c>--wait</c>, queues behind the first; either way the destination ends with every record once.
/// </summary>
/// <remarks>
/// The first run reads a sandbox slowed by latency, so it is surely going while the second starts; once the second has
/// been dealt with, the latency is taken away and the first finishes quickly. The second run reads a sandbox of its
/// own that serves the same records, so that sandbox's request log shows exactly what the second run read, and when.
/// </remarks>
public sealed class ConcurrentRunTests(ITestOutputHelper output)
{
    private const int RecordsPerStream = 300;
    private static readonly TimeSpan SlowLatency = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(LeaseTesting.KindsAndModes), MemberType = typeof(LeaseTesting))]
    public async Task A_second_sync_while_the_first_runs_exits_3_naming_the_holder_and_the_first_completes(string kind, string mode)
    {
        using var files = new TempFiles();
        var key = NewTestKey("conc");
        await using var slow = await StartSandboxAsync(key, RecordsPerStream, SlowLatency);
        await using var other = await StartSandboxAsync(key, RecordsPerStream, TimeSpan.Zero);
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var journal = Path.Combine(files.Folder, "journal.db");
        var firstArgs = SyncArguments(WriteConfig(files.Folder, "first.json", slow), destination, journal, mode);
        var secondArgs = SyncArguments(WriteConfig(files.Folder, "second.json", other), destination, journal, mode);

        await using var first = RunningCli.Start(firstArgs, SyncKillTests.FastEngine);
        // A request reaches the sandbox only once the run holds the lease: it is taken before any stream starts.
        await WaitUntilAsync(() => first.HasExited || slow.Requests.Count(status: 200) > 0, Bound,
            () => $"the first sync sent no request.\n{Output(first)}");
        Assert.False(first.HasExited, $"the first sync ended before the second started:\n{Output(first)}");

        var second = await CliRunner.RunAsync(secondArgs, SyncKillTests.FastEngine, Bound);
        output.WriteLine($"second: {second}");

        Assert.False(first.HasExited, $"the first sync ended while the second ran, so they did not overlap:\n{Output(first)}\nsecond: {second}");
        AssertRefusedBy(second, first.ProcessId);
        Assert.True(other.Requests.Count() == 0, $"the refused run sent {other.Requests.Count()} requests");

        slow.Faults.Latency = TimeSpan.Zero;
        var exitCode = await ExitCodeWithinAsync(first, Bound, "the first sync");
        Assert.True(exitCode == 0, $"the first sync exited {exitCode}:\n{Output(first)}");

        // No run crashed, so even append holds each record once.
        await AssertEveryRecordAsync(readIds, slow);
    }

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_second_sync_with_wait_queues_behind_the_first_and_then_completes(string kind)
    {
        using var files = new TempFiles();
        var key = NewTestKey("wait");
        // More records than above: the first must outlast the second's start-up and three more rounds of requests.
        await using var slow = await StartSandboxAsync(key, 2 * RecordsPerStream, SlowLatency);
        await using var other = await StartSandboxAsync(key, 2 * RecordsPerStream, TimeSpan.Zero);
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var journal = Path.Combine(files.Folder, "journal.db");
        var firstArgs = SyncArguments(WriteConfig(files.Folder, "first.json", slow), destination, journal, "append_dedup");
        var secondArgs = SyncArguments(WriteConfig(files.Folder, "second.json", other), destination, journal, "append_dedup", "--wait", "60s");

        await using var first = RunningCli.Start(firstArgs, SyncKillTests.FastEngine);
        await WaitUntilAsync(() => first.HasExited || slow.Requests.Count(status: 200) > 0, Bound,
            () => $"the first sync sent no request.\n{Output(first)}");
        Assert.False(first.HasExited, $"the first sync ended before the second started:\n{Output(first)}");

        await using var second = RunningCli.Start(secondArgs, SyncKillTests.FastEngine);
        // The engine opens its journal when it starts, just before it asks for the lease: from then on the second run
        // is at the lease, and the first keeps it at least as long as its requests in flight take (the latency).
        await WaitUntilAsync(() => second.HasExited || HasOpen(second.ProcessId, journal), Bound,
            () => $"the second sync never opened its journal.\n{Output(second)}");
        // Three more rounds of the first's slow requests (6 at a time, 3 streams x 2 fetchers, so 18 answers span at
        // least two latencies): the second is surely at the lease by then, and would have read if it had not waited.
        var answered = slow.Requests.Count();
        await WaitUntilAsync(() => first.HasExited || other.Requests.Count() > 0 || slow.Requests.Count() >= answered + 18, Bound,
            () => $"the first sync stalled.\n{Output(first)}");
        Assert.False(first.HasExited, $"the first sync ended before the second was at the lease:\n{Output(first)}");
        Assert.False(second.HasExited, $"the second sync did not wait for the first:\n{Output(second)}");
        Assert.True(other.Requests.Count() == 0, $"the second sync read while the first held the lease ({other.Requests.Count()} requests)");

        slow.Faults.Latency = TimeSpan.Zero;
        var firstExit = await ExitCodeWithinAsync(first, Bound, "the first sync");
        Assert.True(firstExit == 0, $"the first sync exited {firstExit}:\n{Output(first)}");
        var secondExit = await ExitCodeWithinAsync(second, Bound, "the waiting sync");
        output.WriteLine($"second:\n{Output(second)}");
        Assert.True(secondExit == 0, $"the waiting sync exited {secondExit}:\n{Output(second)}");
        Assert.DoesNotContain("another run", second.Stderr);

        // The second read nothing until the first had read its last page.
        var firstLast = slow.Requests.Entries.Max(r => r.Timestamp);
        var secondRequests = other.Requests.Entries;
        output.WriteLine($"the first read its last page at {firstLast:HH:mm:ss.fff}; the second sent {secondRequests.Count} requests" +
                         (secondRequests.Count > 0 ? $", the first at {secondRequests.Min(r => r.Timestamp):HH:mm:ss.fff}" : ""));
        Assert.All(secondRequests, r => Assert.True(r.Timestamp > firstLast,
            $"the waiting sync read {r.Path}{r.QueryString} at {r.Timestamp:HH:mm:ss.fff}, before the first read its last page at {firstLast:HH:mm:ss.fff}"));

        await AssertEveryRecordAsync(readIds, slow);
    }
}
