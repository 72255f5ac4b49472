using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>A run killed with SIGKILL while it holds the destination's lease never blocks the next run.</summary>
public sealed class KilledLeaseHolderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_sync_started_right_after_the_holder_is_sigkilled_runs_and_completes(string kind)
    {
        using var files = new TempFiles();
        await using var sandbox = await StartSandboxAsync(NewTestKey("held"), 600, TimeSpan.FromMilliseconds(150));
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var args = SyncArguments(WriteConfig(files.Folder, "config.json", sandbox), destination,
            Path.Combine(files.Folder, "journal.db"), "append_dedup");

        var holder = RunningCli.Start(args, SyncKillTests.FastEngine);
        await using (holder)
        {
            // Rows in the destination: the run holds the lease and is writing.
            await WaitUntilAsync(async () => holder.HasExited || (await readIds("transactions")).Count > 0, Bound,
                () => $"the first sync wrote no row.\n{Output(holder)}");
            Assert.False(holder.HasExited, $"the first sync ended before it could be killed:\n{Output(holder)}");
            await holder.KillAsync();
            Assert.True(holder.ExitCode == SigkillExitCode, $"the first sync was not ended by SIGKILL: exit {holder.ExitCode}");
        }
        if (kind == "sqlite")
        {
            // The lock file stays behind; only the lock on it went with the process.
            Assert.True(File.Exists(Path.Combine(files.Folder, "sync.db.lock")), "the SQLite destination has no lock file");
        }
        var rowsBefore = (await readIds("transactions")).Count;

        var next = await CliRunner.RunAsync(args, SyncKillTests.FastEngine, Bound);

        output.WriteLine($"{rowsBefore} transactions before the kill; next run: {next}");
        Assert.True(next.ExitCode == 0, $"the run after the kill failed:\n{next}");
        Assert.DoesNotContain("another run", next.Stderr);
        await AssertEveryRecordAsync(readIds, sandbox);
    }
}
