using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>An overwrite killed before it swapped anything in resumes from its staged pages, as an append run does.</summary>
public sealed class KilledOverwriteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task An_overwrite_killed_before_its_first_swap_resumes_from_its_staged_pages(string kind)
    {
        using var files = new TempFiles();
        await using var sandbox = await StartSandboxAsync(NewTestKey("ovkill"), 1_500, TimeSpan.FromMilliseconds(120));
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        var args = SyncArguments(WriteConfig(files.Folder, "config.json", sandbox), destination,
            Path.Combine(files.Folder, "journal.db"), "overwrite");

        await using (var first = RunningCli.Start(args, SyncKillTests.FastEngine))
        {
            // ~38 pages a stream: after 30 answers no stream is near its swap.
            await WaitUntilAsync(() => first.HasExited || sandbox.Requests.Count(status: 200) >= 30, Bound,
                () => $"the first overwrite read too little.\n{Output(first)}");
            Assert.False(first.HasExited, $"the first overwrite ended before it could be killed:\n{Output(first)}");
            await first.KillAsync();
        }
        foreach (var stream in LeaseTesting.Streams)
            Assert.True((await readIds(stream)).Count == 0, $"{stream} was swapped in before the kill: the test killed too late");
        var beforeKill = sandbox.Requests.Entries.Where(r => r.StatusCode == 200).Select(r => (r.Path, r.QueryString)).ToHashSet();
        sandbox.Requests.Clear();

        var second = await CliRunner.RunAsync(args, SyncKillTests.FastEngine, Bound);

        var refetched = sandbox.Requests.Entries.Count(r => r.StatusCode == 200 && beforeKill.Contains((r.Path, r.QueryString)));
        output.WriteLine($"{beforeKill.Count} pages before the kill; {sandbox.Requests.Count(status: 200)} after, {refetched} of them again\n{second}");
        Assert.True(second.ExitCode == 0, $"the overwrite after the kill failed:\n{second}");
        await AssertEveryRecordAsync(readIds, sandbox);
        Assert.DoesNotContain("read in full", second.Stderr);
        Assert.True(refetched <= LeaseTesting.Streams.Length * 2 * 3, $"{refetched} of {beforeKill.Count} pages fetched again after the restart");
    }
}
