namespace Paystack.Bench.Cluster;

/// <summary>
/// One member with N configured accounts that never run (a daily schedule, nothing triggered): every account has its
/// remembered entity, rate limiter and timer on the member. After the member owns them all, it settles; then its
/// resident and anonymous memory (/proc) are sampled and the CPU it spends idle is counted.
/// </summary>
public static class IdleMemoryCase
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(20);

    public sealed record Result(int Accounts, double UpSeconds, long ResidentBytes, long AnonymousBytes, long PeakResidentBytes,
        double IdleCpuSecondsPerMinute, int SandboxRequests, double Load);

    public static async Task<Result> RunAsync(RigSettings settings, string hostDll)
    {
        await using var rig = await ClusterRig.StartAsync(settings, hostDll, sandboxAccounts: 0);
        var started = DateTimeOffset.UtcNow;
        var node = rig.StartNode();
        await rig.UntilAsync(() => rig.AccountsAsync(node),
            list => list.Accounts.Count == settings.Accounts && list.Accounts.All(a => a.Node is not null),
            $"the member owning all {settings.Accounts} accounts", TimeSpan.FromMinutes(5));
        await rig.UntilAsync(() => rig.MembersAsync(node), m => m.All.Count == 1 && m.All[0].Status == "Up", "the member up", TimeSpan.FromMinutes(1));
        var upSeconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
        await Task.Delay(Settle);

        var before = node.Stats()!;
        var samples = new List<ProcStats>();
        for (var end = DateTimeOffset.UtcNow + Measure; DateTimeOffset.UtcNow < end; await Task.Delay(1000)) samples.Add(node.Stats()!);
        var after = samples[^1];
        var median = samples.OrderBy(s => s.ResidentBytes).ElementAt(samples.Count / 2);
        return new Result(settings.Accounts, upSeconds, median.ResidentBytes, samples.OrderBy(s => s.AnonymousBytes).ElementAt(samples.Count / 2).AnonymousBytes,
            after.PeakResidentBytes, (after.CpuSeconds - before.CpuSeconds) / Measure.TotalMinutes, rig.Sandbox.Requests.Entries.Count, LoadAverage.Now());
    }
}
