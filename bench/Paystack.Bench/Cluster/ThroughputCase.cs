using System.Diagnostics;

namespace Paystack.Bench.Cluster;

/// <summary>
/// N members share rate-limited accounts; every account is triggered at once and the aggregate is measured against the
/// sum of the accounts' ceilings. Steady is the stretch while every account is busy: from one window after the last
/// account's first request to the first account's last request.
/// </summary>
public static class ThroughputCase
{
    public sealed record NodeFigures(int Accounts, double CpuSeconds, long PeakResidentBytes);

    public sealed record Result(
        int Nodes, double Seconds, long Records, int Requests, double SteadySeconds, int SteadyRequests, double SteadyRecordsPerSecond,
        double RecordsPerSecond, double CeilingRequestsPerSecond, IReadOnlyList<NodeFigures> PerNode, double SandboxCpuSeconds,
        RunCheck Check, double LoadStart, double LoadEnd)
    {
        public double SteadyRequestsPerSecond => SteadyRequests / SteadySeconds;
    }

    public static async Task<Result> RunAsync(RigSettings settings, string hostDll, int nodes)
    {
        await using var rig = await ClusterRig.StartAsync(settings, hostDll, sandboxAccounts: settings.Accounts);
        for (var i = 0; i < nodes; i++) rig.StartNode();
        var members = await rig.SpreadAsync(nodes, TimeSpan.FromSeconds(180));
        Console.Error.WriteLine($"  {nodes} member(s) up: {string.Join(", ", members.All.Select(m => m.Accounts.Count))} accounts");

        var loadStart = LoadAverage.Now();
        var cpuBefore = rig.Nodes.Select(n => n.Stats()!.CpuSeconds).ToList();
        var sandboxCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var triggeredAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        foreach (var (name, i) in rig.Names.Select((n, i) => (n, i))) await rig.TriggerAsync(rig.Nodes[i % nodes], name);

        // Durable rows once a second, until every account's triggered run has finished.
        var samples = new List<(DateTimeOffset At, long Rows)>();
        await rig.UntilAsync(async () =>
        {
            samples.Add((DateTimeOffset.UtcNow, await rig.DestinationRowsAsync()));
            return await rig.AccountsAsync(rig.Nodes[0]);
        }, list => list.Accounts.All(a => a.CurrentRun is null && a.LastRun is { } last && last.StartedAt >= triggeredAt.AddSeconds(-1)),
            "every account's run finished", TimeSpan.FromMinutes(15));
        var seconds = clock.Elapsed.TotalSeconds;
        sandboxCpu = Process.GetCurrentProcess().TotalProcessorTime - sandboxCpu;
        var after = rig.Nodes.Select(n => n.Stats()!).ToList();
        var loadEnd = LoadAverage.Now();
        var owned = await rig.MembersAsync(rig.Nodes[0]);
        var accounts = await rig.AccountsAsync(rig.Nodes[0]);
        var failed = accounts.Accounts.Where(a => a.LastRun?.State != "succeeded").Select(a => $"{a.Name}: {a.LastRun?.State} {a.LastRun?.Error}").ToList();

        var logs = rig.Names.Select(n => rig.SandboxOf(n).Requests.Entries.Where(r => r.Timestamp >= triggeredAt).ToList()).ToList();
        var steadyFrom = logs.Max(l => l[0].Timestamp) + settings.Window;
        var steadyTo = logs.Min(l => l[^1].Timestamp);
        var steadyRequests = logs.Sum(l => l.Count(r => r.Timestamp >= steadyFrom && r.Timestamp <= steadyTo));
        var first = samples.First(s => s.At >= steadyFrom);
        var last = samples.Last(s => s.At <= steadyTo);
        var check = await RunCheck.OfAsync(rig, triggeredAt);
        if (failed.Count > 0) check = check with { AllRecordsOnce = false, Problems = string.Join("; ", failed.Take(5)) + "; " + check.Problems };

        return new Result(nodes, seconds, check.Rows, check.Requests, (steadyTo - steadyFrom).TotalSeconds, steadyRequests,
            (last.Rows - first.Rows) / (last.At - first.At).TotalSeconds, check.Rows / seconds,
            settings.Accounts * settings.EngineBudget / settings.Window.TotalSeconds,
            rig.Nodes.Select((n, i) => new NodeFigures(rig.MemberOf(owned, n)?.Accounts.Count ?? 0, after[i].CpuSeconds - cpuBefore[i], after[i].PeakResidentBytes)).ToList(),
            sandboxCpu.TotalSeconds, check, loadStart, loadEnd);
    }
}
