using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Sync;

public sealed class SyncKillTests(ITestOutputHelper output)
{
    private static readonly string[] Streams = ["transactions", "customers", "refunds"];
    private static readonly string[] Paths = ["transaction", "customer", "refund"];

    /// <summary>Engine settings for a test: no real rate limit, small pages so a run has many of them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastEngine = new Dictionary<string, string?>
    {
        ["PAYSTACK_SYNC__RATE_LIMITS__TEST_REQUESTS"] = "100000",
        ["PAYSTACK_SYNC__ENGINE__WINDOW_LENGTH"] = "120d",
        ["PAYSTACK_SYNC__ENGINE__SETTLE_DELAY"] = "2s",
        ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = "50",
        ["PAYSTACK_SYNC__ENGINE__FETCHERS_PER_STREAM"] = "2",
    };

    [Theory]
    [MemberData(nameof(SyncDestinations.Kinds), MemberType = typeof(SyncDestinations))]
    public async Task A_sync_killed_mid_run_and_started_again_ends_complete_with_no_duplicate_ids(string kind)
    {
        using var files = new TempFiles();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 1_500,
            TestRateLimit = 100_000,
            TestKey = "sk_test_kill" + Guid.NewGuid().ToString("N")[..8], // a fresh account: its own journal entries
            Faults = { Latency = TimeSpan.FromMilliseconds(120) },
        });
        var (destination, readIds) = SyncDestinations.Create(kind, files.Folder);
        string[] args =
        [
            "sync", "--config", files.Config(sandbox.Options.TestKey, "2023-01-01T00:00:00Z", sandbox.BaseUrl.ToString()),
            "--destination", destination, "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}",
            "--streams", string.Join(',', Streams), "--mode", "append_dedup",
        ];
        var total = Paths.Sum(p => sandbox.Store.Count(p));

        using (var first = RunningCli.Start(args, FastEngine))
        {
            var written = 0;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (written < total / 3 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                written = (await readIds("transactions")).Count + (await readIds("customers")).Count + (await readIds("refunds")).Count;
            }
            Assert.False(first.HasExited, $"the first sync ended before it could be killed:\n{first.Stdout}\n{first.Stderr}");
            await first.KillAsync();
            output.WriteLine($"killed after {written} of {total} records were written");
            Assert.InRange(written, total / 3, total - 1);
        }
        var beforeKill = sandbox.Requests.Entries.Where(r => r.StatusCode == 200).Select(r => (r.Path, r.QueryString)).ToHashSet();
        sandbox.Requests.Clear();

        var second = await CliRunner.RunAsync(args, FastEngine, TimeSpan.FromSeconds(120));

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        var refetched = sandbox.Requests.Entries.Count(r => r.StatusCode == 200 && beforeKill.Contains((r.Path, r.QueryString)));
        output.WriteLine($"{beforeKill.Count} pages before the kill; {sandbox.Requests.Count(status: 200)} after, {refetched} of them again");
        Assert.True(refetched <= Streams.Length * 2 * 3, $"{refetched} pages fetched again after the restart");
        for (var i = 0; i < Streams.Length; i++)
        {
            var ids = await readIds(Streams[i]);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(sandbox.Store.Ids(Paths[i]).Order(), ids.Order());
        }
    }
}
