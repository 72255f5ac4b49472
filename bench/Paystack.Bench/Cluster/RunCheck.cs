using Paystack.Sandbox;

namespace Paystack.Bench.Cluster;

/// <summary>After a case's runs: every account's rows equal its sandbox data with no id twice, and what each key sent.</summary>
/// <param name="KeysRefused">Keys that met at least one 429 (each halves that key's budget for a while).</param>
public sealed record RunCheck(bool AllRecordsOnce, string Problems, long Rows, int Requests, int Refused, int KeysRefused, int BusiestWindow, int Limit)
{
    public static async Task<RunCheck> OfAsync(ClusterRig rig, DateTimeOffset since)
    {
        var problems = new List<string>();
        long rows = 0;
        foreach (var account in rig.Names)
            foreach (var (stream, path) in RigSettings.Streams.Zip(RigSettings.Paths))
            {
                var ids = await rig.IdsAsync(account, stream);
                rows += ids.Count;
                var expected = rig.ExpectedIds(account, path);
                if (ids.Count != ids.Distinct().Count()) problems.Add($"{account}.{stream}: {ids.Count - ids.Distinct().Count()} ids twice");
                if (!expected.Order().SequenceEqual(ids.Distinct().Order())) problems.Add($"{account}.{stream}: {ids.Distinct().Count()} ids, the sandbox serves {expected.Count}");
            }
        var logs = rig.Names.Select(rig.SandboxOf).Select(a => (Account: a, Entries: a.Requests.Entries.Where(r => r.Timestamp >= since).ToList())).ToList();
        var budgets = logs.Select(l => RollingWindowBudget.Check(l.Entries, l.Account.RateLimit, l.Account.RateLimitWindow)).ToList();
        return new RunCheck(problems.Count == 0, string.Join("; ", problems.Take(5)), rows, logs.Sum(l => l.Entries.Count),
            logs.Sum(l => l.Entries.Count(r => r.StatusCode == 429)), logs.Count(l => l.Entries.Any(r => r.StatusCode == 429)),
            budgets.Max(b => b.Busiest), rig.Settings.SandboxLimit);
    }
}
