using System.Globalization;
using System.Text;

namespace Paystack.Bench.Cluster;

/// <summary>
/// <c>cluster</c>: <c>serve --cluster</c> processes on this machine (the Release build of src/Host) with a PostgreSQL
/// journal and destinations (PAYSTACK_BENCH_POSTGRES or PAYSTACK_TEST_POSTGRES; schemas per run, dropped after).
/// Three parts: aggregate throughput of 30 rate-limited accounts on 1, 2 and 3 members; memory per idle account; and
/// the time from a member's loss until every account it owned syncs again.
/// </summary>
public static class ClusterScenario
{
    public static readonly IReadOnlyList<string> Parts = ["cluster", "cluster-throughput", "cluster-memory", "cluster-failover"];

    /// <summary>
    /// 30 accounts, each budgeted 10 requests per 2 s by the engine (the ceiling), the sandbox refusing beyond 12 (as an
    /// operator budgets below Paystack's limit: on a machine this busy a request can reach the sandbox hundreds of
    /// milliseconds after its grant, and a 429 halves the key's budget for minutes); 20 records a page, 100 ms an answer.
    /// </summary>
    public static readonly RigSettings Busy = new(
        Accounts: 30, RecordsPerStream: 3_000, SandboxLimit: 12, EngineBudget: 10, Window: TimeSpan.FromSeconds(2),
        Latency: TimeSpan.FromMilliseconds(100), PageSize: 20, Every: "24h", Timings: ClusterTimings.Scaled);

    public sealed record Options(string HostDll, IReadOnlyList<int> Nodes, IReadOnlyList<int> IdleAccounts, IReadOnlyList<ClusterTimings> Timings);

    public static async Task<bool> RunAsync(string part, Options options)
    {
        var ok = true;
        Console.WriteLine($"Cluster: {Environment.ProcessorCount} cores, load average {LoadAverage.Now():0.0} at the start; host {options.HostDll}.");
        if (part is "cluster" or "cluster-throughput")
        {
            var results = new List<ThroughputCase.Result>();
            foreach (var nodes in options.Nodes)
            {
                Console.Error.WriteLine($"running cluster throughput with {nodes} member(s) ...");
                results.Add(await ThroughputCase.RunAsync(Busy, options.HostDll, nodes));
            }
            Console.WriteLine();
            Console.WriteLine(RenderThroughput(results));
            ok &= results.All(r => r.Check.AllRecordsOnce);
        }
        if (part is "cluster" or "cluster-memory")
        {
            var results = new List<IdleMemoryCase.Result>();
            foreach (var accounts in options.IdleAccounts)
            {
                Console.Error.WriteLine($"running one member with {accounts} idle account(s) ...");
                results.Add(await IdleMemoryCase.RunAsync(Busy with { Accounts = accounts, RecordsPerStream = 0, Timings = ClusterTimings.Defaults }, options.HostDll));
            }
            Console.WriteLine();
            Console.WriteLine(RenderIdle(results));
            ok &= results.All(r => r.SandboxRequests == 0);
        }
        if (part is "cluster" or "cluster-failover")
        {
            var results = new List<FailoverCase.Result>();
            foreach (var timings in options.Timings)
            {
                Console.Error.WriteLine($"running failover, {timings.Name} timings ...");
                results.Add(await FailoverCase.RunAsync(Busy with { Timings = timings }, options.HostDll));
            }
            Console.WriteLine();
            Console.WriteLine(RenderFailover(results, options.Timings));
            ok &= results.All(r => r.Check.AllRecordsOnce);
        }
        return ok;
    }

    private static string RenderThroughput(IReadOnlyList<ThroughputCase.Result> results)
    {
        var text = new StringBuilder();
        var s = Busy;
        text.AppendLine(Invariant($"### cluster throughput: {s.Accounts} accounts x {s.EngineBudget} requests per {s.Window.TotalSeconds:0} s (sum of ceilings {s.Accounts * s.EngineBudget / s.Window.TotalSeconds:0} requests/s = {s.Accounts * s.EngineBudget / s.Window.TotalSeconds * s.PageSize:N0} records/s at {s.PageSize} a page; sandbox limit {s.SandboxLimit}), {s.Latency.TotalMilliseconds:0} ms latency, PostgreSQL journal and destinations"));
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", results.Select(r => $"{r.Nodes} member{(r.Nodes == 1 ? "" : "s")}")) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        Row("records / requests (429s, keys that met one)", r => Invariant($"{r.Records:N0} / {r.Requests:N0} ({r.Check.Refused}, {r.Check.KeysRefused})"));
        Row("all 30 runs, trigger to last finished (s)", r => Invariant($"{r.Seconds:0.0}"));
        Row("records/s overall", r => Invariant($"{r.RecordsPerSecond:N0}"));
        Row("steady: every account busy (s)", r => Invariant($"{r.SteadySeconds:0.0}"));
        Row("**records/s steady** (durable rows)", r => Invariant($"**{r.SteadyRecordsPerSecond:N0}**"));
        Row("**requests/s steady / of the sum of ceilings**", r => Invariant($"**{r.SteadyRequestsPerSecond:0.0} / {r.SteadyRequestsPerSecond / r.CeilingRequestsPerSecond:P1}**"));
        Row("busiest 2 s window of a key (budget, sandbox limit)", r => Invariant($"{r.Check.BusiestWindow} ({Busy.EngineBudget}, {r.Check.Limit})"));
        Row("accounts per member", r => string.Join(" / ", r.PerNode.Select(n => n.Accounts)));
        Row("CPU s per member during the runs", r => string.Join(" / ", r.PerNode.Select(n => Invariant($"{n.CpuSeconds:0.0}"))));
        Row("CPU s, all members", r => Invariant($"{r.PerNode.Sum(n => n.CpuSeconds):0.0}"));
        Row("records per member CPU-second", r => Invariant($"{r.Records / r.PerNode.Sum(n => n.CpuSeconds):N0}"));
        Row("CPU s, sandbox (bench process)", r => Invariant($"{r.SandboxCpuSeconds:0.0}"));
        Row("peak working set per member (MB)", r => string.Join(" / ", r.PerNode.Select(n => Invariant($"{n.PeakResidentBytes / 1048576.0:0}"))));
        Row("every record once", r => r.Check.AllRecordsOnce ? "yes" : "NO: " + r.Check.Problems);
        Row("load average start -> end", r => Invariant($"{r.LoadStart:0.0} -> {r.LoadEnd:0.0}"));
        return text.ToString();

        void Row(string name, Func<ThroughputCase.Result, string> value) =>
            text.AppendLine($"| {name} | {string.Join(" | ", results.Select(value))} |");
    }

    private static string RenderIdle(IReadOnlyList<IdleMemoryCase.Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine("### cluster idle accounts: one member (default cluster timings), accounts on a daily schedule, nothing triggered");
        text.AppendLine();
        text.AppendLine("| accounts | start to all owned (s) | working set (MB) | anonymous (MB) | peak working set (MB) | idle CPU s a minute | requests to the sandbox | load |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            text.AppendLine(Invariant($"| {r.Accounts} | {r.UpSeconds:0.0} | {Mb(r.ResidentBytes)} | {Mb(r.AnonymousBytes)} | {Mb(r.PeakResidentBytes)} | {r.IdleCpuSecondsPerMinute:0.00} | {r.SandboxRequests} | {r.Load:0.0} |"));
        // The slope between each size and the next: the first accounts also bring code and structures met once.
        var sizes = results.OrderBy(r => r.Accounts).ToList();
        if (sizes.Count > 1) text.AppendLine();
        foreach (var (from, to) in sizes.Take(sizes.Count - 1).Select((r, i) => (r, sizes[i + 1])).Where(p => p.Item2.Accounts > p.r.Accounts))
            text.AppendLine(Invariant(
                $"Per idle account, {from.Accounts} -> {to.Accounts}: working set {(to.ResidentBytes - from.ResidentBytes) / 1024.0 / (to.Accounts - from.Accounts):0} KB, anonymous {(to.AnonymousBytes - from.AnonymousBytes) / 1024.0 / (to.Accounts - from.Accounts):0} KB."));
        return text.ToString();
    }

    private static string RenderFailover(IReadOnlyList<FailoverCase.Result> results, IReadOnlyList<ClusterTimings> timings)
    {
        var text = new StringBuilder();
        text.AppendLine("### cluster failover: 3 members, every run under way, the member owning the most accounts SIGKILLed (seconds after the kill)");
        text.AppendLine();
        text.AppendLine("| figure | " + string.Join(" | ", results.Select(r => timings.Single(t => t.Name == r.Timings).Describe())) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        Row("accounts moved (of all)", r => $"{r.Moved} ({r.Accounts})");
        Row("a survivor logs it unreachable", r => Seconds(r.Unreachable));
        Row("a survivor logs the downing decision", r => Seconds(r.Downed));
        Row("first moved key's request again (sandbox log)", r => Seconds(r.FirstRequestAgain));
        Row("**every moved key's request again**", r => "**" + Seconds(r.EveryRequestAgain) + "**");
        Row("every moved key's request again, after the downing decision", r => Seconds(r.EveryRequestAgain - r.Downed));
        Row("every moved account's status: resumed on a survivor", r => Seconds(r.EveryResumed));
        Row("every run finished", r => Seconds(r.EveryFinished));
        Row("records / requests (429s, keys that met one)", r => Invariant($"{r.Check.Rows:N0} / {r.Check.Requests:N0} ({r.Check.Refused}, {r.Check.KeysRefused})"));
        Row("busiest 2 s window of a key (budget, sandbox limit)", r => Invariant($"{r.Check.BusiestWindow} ({Busy.EngineBudget}, {r.Check.Limit})"));
        Row("every record once", r => r.Check.AllRecordsOnce ? "yes" : "NO: " + r.Check.Problems);
        Row("load average start -> end", r => Invariant($"{r.LoadStart:0.0} -> {r.LoadEnd:0.0}"));
        return text.ToString();

        void Row(string name, Func<FailoverCase.Result, string> value) =>
            text.AppendLine($"| {name} | {string.Join(" | ", results.Select(value))} |");
    }

    private static string Seconds(double? seconds) => seconds is { } s ? Invariant($"{s:0.0}") : "not logged";

    private static string Mb(long bytes) => Invariant($"{bytes / 1048576.0:0.0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
