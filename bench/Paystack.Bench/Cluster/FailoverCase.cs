namespace Paystack.Bench.Cluster;

/// <summary>
/// Three members with every account's run under way; the member owning the most accounts is SIGKILLed. Measured from
/// the kill: when a survivor logged the lost member unreachable and the downing decision, when each moved account's key
/// reached the sandbox again (its log, exact), when its status showed the run resumed on a survivor (polled every
/// 200 ms), and when every run had finished; then every account's rows against its sandbox data.
/// </summary>
public static class FailoverCase
{
    private const int Nodes = 3;

    /// <summary>Seconds after the kill; null when never seen.</summary>
    public sealed record Result(
        string Timings, int Moved, int Accounts, double? Unreachable, double? Downed, double FirstRequestAgain, double EveryRequestAgain,
        double EveryResumed, double EveryFinished, RunCheck Check, double LoadStart, double LoadEnd);

    public static async Task<Result> RunAsync(RigSettings settings, string hostDll)
    {
        await using var rig = await ClusterRig.StartAsync(settings, hostDll, sandboxAccounts: settings.Accounts);
        for (var i = 0; i < Nodes; i++) rig.StartNode();
        var members = await rig.SpreadAsync(Nodes, TimeSpan.FromSeconds(180));
        var loadStart = LoadAverage.Now();
        var triggeredAt = DateTimeOffset.UtcNow;
        foreach (var (name, i) in rig.Names.Select((n, i) => (n, i))) await rig.TriggerAsync(rig.Nodes[i % Nodes], name);

        var victimMember = members.All.OrderByDescending(m => m.Accounts.Count).First();
        var victim = rig.Nodes.Single(n => rig.MemberOf(members, n) == victimMember);
        var moved = victimMember.Accounts;
        // A few pages into every moved account's run.
        await rig.UntilAsync(() => Task.FromResult(moved.All(a => rig.SandboxOf(a).Requests.Entries.Count(r => r.Timestamp >= triggeredAt && r.StatusCode == 200) >= 3)),
            going => going, "the victim's runs under way", TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        Console.Error.WriteLine($"  killed the member owning {moved.Count} of {settings.Accounts} accounts");
        var survivors = rig.Nodes.Where(n => n != victim).ToList();

        var resumedAt = new Dictionary<string, DateTimeOffset>();
        await rig.UntilAsync(() => rig.AccountsAsync(survivors[0]), list =>
        {
            foreach (var account in list.Accounts.Where(a => moved.Contains(a.Name) && !resumedAt.ContainsKey(a.Name)))
                if (account.Node is { } node && !node.EndsWith($":{victim.ClusterPort}", StringComparison.Ordinal)
                    && (account.CurrentRun ?? account.LastRun)?.Reason.StartsWith("resumed", StringComparison.Ordinal) == true)
                    resumedAt[account.Name] = DateTimeOffset.UtcNow;
            return resumedAt.Count == moved.Count;
        }, "every moved account running again on a survivor", TimeSpan.FromMinutes(3));
        var finished = await rig.UntilAsync(() => rig.AccountsAsync(survivors[0]),
            list => list.Accounts.All(a => a.CurrentRun is null && a.LastRun is { } last && last.StartedAt >= triggeredAt.AddSeconds(-1)),
            "every account's run finished", TimeSpan.FromMinutes(15));
        var finishedAt = DateTimeOffset.UtcNow;
        var loadEnd = LoadAverage.Now();

        var again = moved.Select(a => rig.SandboxOf(a).Requests.Entries.First(r => r.Timestamp > killedAt).Timestamp).ToList();
        var check = await RunCheck.OfAsync(rig, triggeredAt);
        var failed = finished.Accounts.Where(a => a.LastRun?.State != "succeeded").Select(a => $"{a.Name}: {a.LastRun?.State} {a.LastRun?.Error}").ToList();
        if (failed.Count > 0) check = check with { AllRecordsOnce = false, Problems = string.Join("; ", failed.Take(5)) + "; " + check.Problems };
        return new Result(settings.Timings.Name, moved.Count, settings.Accounts,
            Since(survivors, killedAt, "UNREACHABLE"), Since(survivors, killedAt, "is downing", "took decision", "Marking node as DOWN", "Leader is removing"),
            (again.Min() - killedAt).TotalSeconds, (again.Max() - killedAt).TotalSeconds, (resumedAt.Values.Max() - killedAt).TotalSeconds,
            (finishedAt - killedAt).TotalSeconds, check, loadStart, loadEnd);
    }

    private static double? Since(IEnumerable<NodeProcess> survivors, DateTimeOffset killedAt, params string[] marks) =>
        survivors.Select(n => n.FirstLine(killedAt, marks)).Where(l => l is not null).Select(l => (double?)(l!.Value.At - killedAt).TotalSeconds).Min();
}
