using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// A sync whose SQLite destination, or whose journal, lies on a disk that fills up part-way: the run fails with exit 1
/// and a message naming the full disk, no stack trace and no stream restarted, and what it wrote stays consistent (no id
/// twice, no partial table swapped in); once there is room again, the next run exits 0 with every source record once.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const int RecordsPerStream = 1_500;
    private const int RoomyKilobytes = 64 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>The fast engine of the kill tests, with quick restarts: a stream restarted for a full disk shows within the run.</summary>
    private static readonly IReadOnlyDictionary<string, string?> Engine = new Dictionary<string, string?>(SyncKillTests.FastEngine)
    {
        ["PAYSTACK_SYNC__ENGINE__STREAM_RESTART_MIN_BACKOFF"] = "100ms",
        ["PAYSTACK_SYNC__ENGINE__STREAM_RESTART_MAX_BACKOFF"] = "400ms",
    };

    /// <summary>What lies on the small disk, the write mode, and the disk's size: a few hundred of the 4,500 records' rows
    /// fit on 1 MB, a few pages' progress in the journal's 256 KB; on 256 KB the destination cannot even be set up.</summary>
    public static TheoryData<string, string, int> Cases() => new()
    {
        { "destination", "append_dedup", 256 },
        { "destination", "append_dedup", 1024 },
        { "destination", "overwrite", 1024 },
        { "journal", "append_dedup", 256 },
        { "journal", "overwrite", 256 },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task A_disk_that_fills_up_fails_the_run_plainly_and_the_run_after_space_is_freed_holds_every_record_once(
        string full, string mode, int kilobytes)
    {
        var (disk, skipReason) = await SmallDisk.StartAsync(kilobytes);
        Skip.If(disk is null, skipReason);
        await using var _ = disk;
        using var files = new TempFiles();
        await using var sandbox = await StartSandboxAsync(NewTestKey("disk"), RecordsPerStream, TimeSpan.Zero);
        var destinationPath = Path.Combine(full == "destination" ? disk.Folder : files.Folder, "sync.db");
        var journalPath = Path.Combine(full == "journal" ? disk.Folder : files.Folder, "journal.db");
        var args = SyncArguments(WriteConfig(files.Folder, "config.json", sandbox), $"sqlite:{destinationPath}", journalPath, mode);

        var failed = await CliRunner.RunAsync(args, Engine, Bound);
        output.WriteLine($"run on a full {full}: exit {failed.ExitCode}\n{failed}");
        Assert.True(failed.ExitCode == 1, $"expected exit 1 (the work failed) on a full {full}:\n{failed}");
        Assert.Contains("database or disk is full", failed.Stdout + failed.Stderr);
        // Which store is full: a stream's write or the destination's set-up, or the journal's progress.
        Assert.Contains(full == "destination" ? "the destination" : "the journal could not store progress", failed.Stdout + failed.Stderr);
        // Restarting a stream frees no space and would fetch its pages again: it fails at once, saying so.
        Assert.DoesNotContain("restart 1 of", failed.Stderr);
        Assert.False((failed.Stdout + failed.Stderr).Contains("   at ", StringComparison.Ordinal), $"a stack trace:\n{failed}");
        var written = LeaseTesting.Streams.Sum(stream => ReadSqliteIds(destinationPath, stream)?.Count ?? 0);
        output.WriteLine($"rows in the destination after the failed run: {written}");
        AssertConsistent(destinationPath, mode, sandbox);

        await disk.GrowAsync(RoomyKilobytes);
        var next = await CliRunner.RunAsync(args, Engine, Bound);
        output.WriteLine($"run with room again: exit {next.ExitCode}\n{next}");
        Assert.True(next.ExitCode == 0, $"the run after space was freed failed:\n{next}");
        await AssertEveryRecordAsync(stream => Task.FromResult(ReadSqliteIds(destinationPath, stream) ?? []), sandbox);
    }

    /// <summary>No id twice; an overwrite's table is either not swapped in yet or the source's whole set.</summary>
    private static void AssertConsistent(string destinationPath, string mode, SandboxServer sandbox)
    {
        for (var i = 0; i < LeaseTesting.Streams.Length; i++)
        {
            var ids = ReadSqliteIds(destinationPath, LeaseTesting.Streams[i]) ?? [];
            Assert.True(ids.Count == ids.Distinct().Count(), $"{LeaseTesting.Streams[i]} holds an id twice after the failed run");
            if (mode == "overwrite" && ids.Count > 0)
                Assert.True(ids.ToHashSet().SetEquals(sandbox.Store.Ids(Paths[i])), $"{LeaseTesting.Streams[i]}: a partial table was swapped in");
        }
    }
}
