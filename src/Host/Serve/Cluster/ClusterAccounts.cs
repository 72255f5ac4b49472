using Akka.Actor;
using Paystack.Actors.Cluster;
using Paystack.Host.Admin;
using Paystack.Host.Serve.Accounts;
using Serilog;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// This node's view of the cluster's accounts: reloads of the accounts file go into the directory the entities read,
/// and every question about an account goes through the shard region to its entity, on whichever member owns it.
/// </summary>
/// <param name="self">This member's address: of the members that read a changed file, the account's owner restarts its entity.</param>
internal sealed class ClusterAccounts(IActorRef region, string self, ReloadingAccountDirectory directory, Action<string> registerSecret, ILogger logger)
    : IAccountsTarget
{
    /// <summary>How long an account's entity may take to answer through the region (it may be starting or moving).</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly ILogger _log = logger.ForContext("SourceContext", "Paystack.Serve");
    private readonly SemaphoreSlim _applying = new(1, 1);
    private volatile AccountsLoad _load = new([], []);

    public string? SourceProblem { get; private set; }

    public void SourceFailed(string problem)
    {
        SourceProblem = problem;
        _log.Error("The accounts file cannot be read, so the accounts stay as they were: {Problem}", problem);
    }

    /// <summary>
    /// Makes <paramref name="load"/> the accounts: the directory first (an entity starting from now on finds the new
    /// settings), then a removed account's entity is stopped, a changed one's is restarted with its new settings (a
    /// run it had going is cancelled, its progress kept in the journal, and started again with the new settings), and
    /// every account is woken (remembered from then on).
    /// </summary>
    public async Task ApplyAsync(AccountsLoad load)
    {
        var changed = await UseAsync(load);
        foreach (var name in changed) await RestartAsync(name);
        await WakeAllAsync(CancellationToken.None);
    }

    /// <summary>
    /// Makes <paramref name="load"/> the accounts without waking them (before this member is up). An account served
    /// before whose entry is not valid now keeps its last valid settings (reported with the problem), as a single serve's.
    /// </summary>
    /// <returns>The accounts whose settings changed.</returns>
    public async Task<IReadOnlyList<string>> UseAsync(AccountsLoad load)
    {
        await _applying.WaitAsync();
        try
        {
            var refused = load.Problems.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var kept = _load.Accounts.Where(a => refused.Contains(a.Name) && load.Accounts.All(served => served.Name != a.Name)).ToList();
            foreach (var account in kept)
                _log.Warning("Account {Account} keeps its last valid settings: its entry is not valid now", account.Name);
            load = load with { Accounts = [.. load.Accounts, .. kept] };
            foreach (var account in load.Accounts) registerSecret(account.Request.Source.SecretKey);
            var removed = _load.Accounts.Select(a => a.Name).Except(load.Accounts.Select(a => a.Name), StringComparer.Ordinal).ToList();
            var changed = load.Accounts
                .Where(a => _load.Accounts.FirstOrDefault(old => old.Name == a.Name) is { } old && old.Fingerprint != a.Fingerprint)
                .Select(a => a.Name)
                .ToList();
            directory.Replace(load.Accounts);
            _load = load;
            SourceProblem = null;
            foreach (var problem in load.Problems)
                _log.Error("Account {Account} is not served: {Problem}", problem.Name, problem.Problem);
            foreach (var name in removed)
            {
                _log.Information("Account {Account} left the accounts file: stopping its runs", name);
                region.Tell(new AccountCommands.StopRuns(name));
            }
            return changed;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>An entity builds its runs from the settings it started with: a changed account's entity starts again.</summary>
    private async Task RestartAsync(string name)
    {
        try
        {
            // Every member reads the same file; the one the account lives on restarts it, so it is restarted once.
            var status = await region.Ask<AccountReplies.StatusReport>(new AccountCommands.GetStatus(name), AskTimeout);
            if (status.Node != self) return;
            var stopped = await region.Ask<AccountReplies.RunsStopped>(new AccountCommands.StopRuns(name), AskTimeout);
            _log.Information("Account {Account} changed: its entity starts again with the new settings{Run}", name,
                stopped.Cancelled is null ? "" : ", and the run it had going starts again with them");
            if (stopped.Cancelled is not null) region.Tell(new AccountCommands.StartRun(name, "settings changed"));
        }
        catch (AskTimeoutException)
        {
            _log.Warning("Account {Account} changed, but its entity did not answer within {Timeout}; it takes the new settings when it next starts", name, AskTimeout);
        }
    }

    /// <summary>Starts every configured account's entity somewhere in the cluster; logs, rather than throws, when the cluster cannot answer yet.</summary>
    public async Task WakeAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            var owners = await AccountSharding.WakeAllAsync(region, directory, AskTimeout, cancellationToken);
            _log.Information("{Count} accounts live on {Nodes} members", owners.Count, owners.Values.Distinct(StringComparer.Ordinal).Count());
        }
        catch (AskTimeoutException)
        {
            _log.Warning("Not every account's entity answered within {Timeout}; they start when the cluster's shards are allocated", AskTimeout);
        }
    }

    /// <summary>Every account configured, with its state and owner: <c>GET /admin/accounts</c>.</summary>
    public async Task<ClusterModels.AccountList> ListAsync(CancellationToken cancellationToken)
    {
        var load = _load;
        var served = await Task.WhenAll(load.Accounts.Select(async account =>
        {
            var report = await StatusAsync(account.Name, cancellationToken);
            return Summary(account, report, KeptDespite(load, account.Name));
        }));
        var refused = load.Problems.Where(p => load.Accounts.All(a => a.Name != p.Name))
            .Select(p => new ClusterModels.Account(p.Name, "invalid", null, null, null, null, null, p.Problem, null, []));
        return new ClusterModels.AccountList([.. served.Concat(refused).OrderBy(a => a.Name, StringComparer.Ordinal)], SourceProblem);
    }

    /// <summary>One account's status with its streams and rate limiter, or null when this node's accounts file does not serve it.</summary>
    public async Task<ClusterModels.Status?> StatusOfAsync(string name, CancellationToken cancellationToken)
    {
        var load = _load;
        var account = load.Accounts.FirstOrDefault(a => a.Name == name);
        if (account is null) return null;
        var report = await StatusAsync(name, cancellationToken);
        return ClusterModels.Status.Of(Summary(account, report, KeptDespite(load, name)), report);
    }

    /// <summary>Names the accounts for messages: "a, b, c".</summary>
    public string Names => string.Join(", ", _load.Accounts.Select(a => a.Name).Order(StringComparer.Ordinal));

    /// <summary>1 for an account this node's file serves, 0 for an entry it refused: the account gauge (as a single serve's).</summary>
    public IEnumerable<KeyValuePair<string, bool>> Validity()
    {
        var load = _load;
        return load.Accounts.Select(a => new KeyValuePair<string, bool>(a.Name, KeptDespite(load, a.Name) is null))
            .Concat(load.Problems.Where(p => load.Accounts.All(a => a.Name != p.Name)).Select(p => new KeyValuePair<string, bool>(p.Name, false)))
            .ToList();
    }

    public bool Serves(string name) => _load.Accounts.Any(a => a.Name == name);

    /// <summary>Entries of the accounts file this member does not serve, and a file it cannot read: for <c>GET /healthz/ready</c>.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = _load.Problems.Select(p => p.ForReadiness).ToList();
        if (SourceProblem is { } source) problems.Add(source);
        return problems;
    }

    public string? ProblemOf(string name) => _load.Problems.FirstOrDefault(p => p.Name == name)?.Problem;

    public Task<object> AskAsync(IAccountCommand command, CancellationToken cancellationToken) =>
        region.Ask<object>(command, AskTimeout, cancellationToken);

    private async Task<AccountReplies.StatusReport?> StatusAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await region.Ask<AccountReplies.StatusReport>(new AccountCommands.GetStatus(name), AskTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The problem of an entry no longer valid whose account runs on with its last valid settings; null for the others.</summary>
    private static string? KeptDespite(AccountsLoad load, string name) =>
        load.Problems.FirstOrDefault(p => p.Name == name)?.Problem is { } problem
            ? $"its entry is not valid now, so it keeps its last valid settings: {problem}"
            : null;

    private static ClusterModels.Account Summary(ServeAccount account, AccountReplies.StatusReport? report, string? kept)
    {
        var state = report switch
        {
            null => "unreachable",
            { Error: not null } => "failing",
            { Current: not null } => "running",
            { Last.End: "failed" or "skipped" } => "failing",
            _ => "idle",
        };
        return new ClusterModels.Account(
            account.Name, state, account.Schedule.Description, report?.NextScheduledRun, Run(report?.Current, report?.CurrentRecords ?? 0), Finished(report?.Last),
            account.Request.Destination.ToString(), kept ?? report?.Error, report?.Node, report?.PausedStreams ?? []);
    }

    public static AdminModels.RunInfo? Run(AccountReplies.RunView? run, long records = 0) => run is null
        ? null
        : new AdminModels.RunInfo(run.RunId, run.Reason, run.StartedAt, null, "running", (DateTimeOffset.UtcNow - run.StartedAt).TotalSeconds, records, null);

    private static AdminModels.RunInfo? Finished(AccountReplies.FinishedRunView? last) => last is null
        ? null
        : new AdminModels.RunInfo(last.Run.RunId, last.Run.Reason, last.Run.StartedAt, last.FinishedAt, last.End,
            (last.FinishedAt - last.Run.StartedAt).TotalSeconds, last.Records, last.Error);
}
