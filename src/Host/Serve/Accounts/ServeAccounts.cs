using Paystack.Actors.Engine;
using Paystack.Actors.Monitoring;
using Paystack.Host.Admin;
using Serilog;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// The accounts serve runs: one <see cref="RunCoordinator"/> and one schedule per account, and the entries refused.
/// <see cref="ApplyAsync"/> moves from one set to the next without a restart:
/// <list type="bullet">
/// <item>an added account starts at once (its first run at once too, unless --no-run-at-start);</item>
/// <item>a removed account's schedule stops at once and its run going is let finish, then its runner stops;</item>
/// <item>a changed account (anything a run uses, its key included) is removed and added: its run going finishes with
/// the settings it started with, and the new settings take over once it has ended;</item>
/// <item>an entry that turns invalid keeps the account on its last valid settings, reported with the problem;</item>
/// <item>a file that cannot be read at all changes nothing (see <see cref="SourceProblem"/>).</item>
/// </list>
/// </summary>
internal sealed class ServeAccounts : IAccountsTarget
{
    /// <summary>How often, and how far apart, starting a runner is tried while the name of the previous one is being freed.</summary>
    private const int NameReleaseAttempts = 50;
    private static readonly TimeSpan NameReleaseDelay = TimeSpan.FromMilliseconds(20);

    private readonly SyncEngine _engine;
    private readonly ILogger _log;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeSpan _runTimeout;
    private readonly bool _runAtStart;
    private readonly Action<string> _registerSecret;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _schedulesBegun = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private Dictionary<string, Slot> _retiring = new(StringComparer.Ordinal);
    private IReadOnlyList<AccountProblem> _problems = [];

    /// <param name="registerSecret">Told every account's key before anything can log it (the log redactor).</param>
    public ServeAccounts(SyncEngine engine, ILogger log, TimeSpan stallTimeout, TimeSpan runTimeout, bool runAtStart, Action<string> registerSecret)
    {
        _engine = engine;
        _log = log.ForContext("SourceContext", "Paystack.Serve");
        _stallTimeout = stallTimeout;
        _runTimeout = runTimeout;
        _runAtStart = runAtStart;
        _registerSecret = registerSecret;
    }

    /// <summary>Why the last reload changed nothing (the accounts file could not be read); null when it could.</summary>
    public string? SourceProblem { get; private set; }

    /// <summary>The entries refused by the last load, by name.</summary>
    public IReadOnlyList<AccountProblem> Problems
    {
        get { lock (_gate) return _problems; }
    }

    /// <summary>The accounts whose runner is up now (not those still waiting for a previous run to finish).</summary>
    public IReadOnlyList<RunCoordinator> Serving
    {
        get { lock (_gate) return _slots.Values.Select(s => s.Coordinator).OfType<RunCoordinator>().OrderBy(c => c.AccountId, StringComparer.Ordinal).ToList(); }
    }

    /// <summary>Every name configured, served or refused, for lookups and messages.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
                return _slots.Keys.Concat(_retiring.Keys).Concat(_problems.Select(p => p.Name))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Schedules wait for this: the host calls it once it has started.</summary>
    public void BeginSchedules() => _schedulesBegun.TrySetResult();

    /// <summary>Moves to <paramref name="load"/> (see the class summary). Reloads are applied one at a time.</summary>
    public async Task ApplyAsync(AccountsLoad load)
    {
        await _applying.WaitAsync();
        try
        {
            if (_stopping.IsCancellationRequested) return;
            var wanted = load.Accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);
            var refused = load.Problems.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                var slots = new Dictionary<string, Slot>(_slots, StringComparer.Ordinal);
                foreach (var (name, slot) in _slots)
                {
                    if (wanted.ContainsKey(name)) continue;
                    if (refused.Contains(name))
                    {
                        _log.Warning("Account {Account} keeps its last valid settings: its entry is not valid now", name);
                        continue;
                    }
                    _log.Information("Account {Account} removed: its schedule stops, and its runner once the run going (if any) has finished", name);
                    slots.Remove(name);
                    Retire(slot);
                }
                foreach (var account in load.Accounts)
                {
                    if (slots.TryGetValue(account.Name, out var serving))
                    {
                        if (serving.Account.Fingerprint == account.Fingerprint) continue;
                        _log.Information("Account {Account} changed: its new settings apply once the run going (if any) has finished", account.Name);
                        Retire(serving);
                    }
                    else if (SourceLoaded)
                    {
                        _log.Information("Account {Account} added", account.Name);
                    }
                    slots[account.Name] = Start(account);
                }
                _slots = slots;
                _problems = load.Problems;
                SourceProblem = null;
                SourceLoaded = true;
            }
            foreach (var problem in load.Problems)
                _log.Error("Account {Account} is not served: {Problem}", problem.Name, problem.Problem);
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>A reload that found the source unreadable: nothing changes, and status says why.</summary>
    public void SourceFailed(string problem)
    {
        lock (_gate) SourceProblem = problem;
        _log.Error("The accounts were not reloaded, every account keeps its settings: {Problem}", problem);
    }

    private bool SourceLoaded { get; set; }

    /// <summary>Starts the account once any earlier runner of its name has stopped (an account's runner is unique).</summary>
    private Slot Start(ServeAccount account)
    {
        _registerSecret(account.Request.Source.SecretKey);
        var slot = new Slot(account);
        var previous = _retiring.TryGetValue(account.Name, out var retiring) ? retiring.Retired : Task.CompletedTask;
        slot.Started = StartAfterAsync(slot, previous);
        return slot;
    }

    private async Task StartAfterAsync(Slot slot, Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_stopping.IsCancellationRequested || slot.ScheduleStop.IsCancellationRequested) return;
        RunCoordinator coordinator;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                coordinator = new RunCoordinator(_engine, slot.Account, _stallTimeout, _runTimeout, _log);
                break;
            }
            catch (Akka.Actor.InvalidActorNameException) when (attempt < NameReleaseAttempts)
            {
                // The guardian frees a stopped runner's name a moment after its Terminated was delivered.
                await Task.Delay(NameReleaseDelay);
            }
            catch (Exception failure)
            {
                _log.Error("Account {Account} could not start: {Message}", slot.Account.Name, failure.Message);
                throw;
            }
        }
        lock (_gate) slot.Coordinator = coordinator;
        slot.Schedule = ScheduleAsync(coordinator, slot.ScheduleStop.Token);
    }

    private async Task ScheduleAsync(RunCoordinator coordinator, CancellationToken stoppingToken)
    {
        await _schedulesBegun.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (stoppingToken.IsCancellationRequested) return;
        await AccountSchedule.RunAsync(coordinator, _runAtStart, _log, stoppingToken);
    }

    /// <summary>Stops the slot's schedule now and its runner once its run has ended; the name may be started again meanwhile.</summary>
    private void Retire(Slot slot)
    {
        slot.ScheduleStop.Cancel();
        _retiring[slot.Account.Name] = slot;
        slot.Retired = RetireAsync(slot);
    }

    private async Task RetireAsync(Slot slot)
    {
        await Task.Yield(); // off the caller's lock
        try
        {
            await slot.Started;
            await slot.Schedule.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (slot.Coordinator is { } coordinator && !_stopping.IsCancellationRequested) await coordinator.FinishAsync();
            SyncMetrics.AccountRemoved(slot.Account.Name);
            _log.Information("Account {Account}: the runner of its previous settings has stopped (its run, if any, has ended)", slot.Account.Name);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _log.Warning("Account {Account}: stopping the runner of its previous settings failed: {Message}", slot.Account.Name, failure.Message);
        }
        finally
        {
            lock (_gate)
                if (_retiring.TryGetValue(slot.Account.Name, out var current) && ReferenceEquals(current, slot))
                    _retiring = _retiring.Where(e => e.Key != slot.Account.Name).ToDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The coordinator an admin request means: the one named, or with no name the only account served.
    /// </summary>
    /// <returns>The coordinator, or a status code and message saying why there is none.</returns>
    public (RunCoordinator? Coordinator, int StatusCode, string? Error) Find(string? name)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(name))
            {
                if (_slots.Count == 1 && _slots.Values.Single().Coordinator is { } only) return (only, 200, null);
                return (null, 400, _slots.Count == 0
                    ? "No account is served now; see GET /admin/accounts."
                    : $"This service syncs {_slots.Count} accounts: name one with ?account=NAME (--account NAME): {string.Join(", ", _slots.Keys.Order(StringComparer.Ordinal))}.");
            }
            if (_slots.TryGetValue(name, out var slot))
                return slot.Coordinator is { } coordinator
                    ? (coordinator, 200, null)
                    : (null, 409, $"Account {name} is starting: the run of its previous settings is finishing.");
            if (_problems.FirstOrDefault(p => p.Name == name) is { } problem)
                return (null, 404, $"Account {name} is not served: {problem.Problem}");
            return (null, 404, $"This service syncs no account named '{name}'. Its accounts: {string.Join(", ", _slots.Keys.Order(StringComparer.Ordinal))}.");
        }
    }

    /// <summary>Every account configured, served or refused, with its state: for <c>GET /admin/accounts</c>.</summary>
    public async Task<AdminModels.AccountList> ListAsync(CancellationToken cancellationToken)
    {
        Slot[] slots;
        Slot[] retiring;
        IReadOnlyList<AccountProblem> problems;
        lock (_gate)
        {
            slots = [.. _slots.Values];
            retiring = [.. _retiring.Values.Where(r => !_slots.ContainsKey(r.Account.Name))];
            problems = _problems;
        }
        var list = new List<AdminModels.AccountSummary>();
        foreach (var slot in slots)
        {
            var problem = problems.FirstOrDefault(p => p.Name == slot.Account.Name)?.Problem;
            if (slot.Coordinator is not { } coordinator)
            {
                list.Add(Summary(slot.Account, "starting", null, problem));
                continue;
            }
            var status = await coordinator.StatusAsync(cancellationToken);
            var state = status.CurrentRun is not null ? "running"
                : status.LastRun?.State is "failed" or "skipped" ? "failing"
                : "idle";
            list.Add(Summary(slot.Account, state, status, problem));
        }
        list.AddRange(retiring.Select(r => Summary(r.Account, "removing", null, null)));
        list.AddRange(problems.Where(p => slots.All(s => s.Account.Name != p.Name))
            .Select(p => new AdminModels.AccountSummary(p.Name, "invalid", null, null, null, null, null, p.Problem)));
        return new AdminModels.AccountList([.. list.OrderBy(a => a.Name, StringComparer.Ordinal)], SourceProblem);
    }

    private static AdminModels.AccountSummary Summary(ServeAccount account, string state, AdminModels.Status? status, string? problem) => new(
        account.Name, state, account.Schedule.Description, status?.NextRun, status?.CurrentRun, status?.LastRun,
        account.Request.Destination.ToString(), problem is null ? null : $"its entry is not valid now, so it keeps its last valid settings: {problem}");

    /// <summary>Why an account cannot sync now, each naming the account: for <c>GET /healthz/ready</c>.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var coordinator in Serving)
            problems.AddRange((await coordinator.ProblemsAsync(cancellationToken)).Select(p => $"account {coordinator.AccountId}: {p}"));
        problems.AddRange(Problems.Select(p => p.ForReadiness));
        if (SourceProblem is { } source) problems.Add(source);
        return problems;
    }

    /// <summary>The engine's live actors, every account's, for <c>GET /admin/actors</c>.</summary>
    public Task<IReadOnlyList<string>> LiveActorsAsync(int maxDepth, CancellationToken cancellationToken) =>
        _engine.LiveActorsAsync(maxDepth, cancellationToken);

    /// <summary>Time between two scheduled runs, per account served: the schedule gauge.</summary>
    public IEnumerable<KeyValuePair<string, TimeSpan>> ScheduleGaps()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var coordinator in Serving)
            if (coordinator.Account.Schedule.Gap(now) is { } gap)
                yield return new(coordinator.AccountId, gap);
    }

    /// <summary>1 for an account served, 0 for an entry refused: the account gauge.</summary>
    public IEnumerable<KeyValuePair<string, bool>> Validity()
    {
        lock (_gate)
            return _slots.Keys.Select(n => new KeyValuePair<string, bool>(n, !_problems.Any(p => p.Name == n)))
                .Concat(_problems.Where(p => !_slots.ContainsKey(p.Name)).Select(p => new KeyValuePair<string, bool>(p.Name, false)))
                .ToList();
    }

    /// <summary>Stops every schedule and cancels every run going (their journals keep them for the next start).</summary>
    public async Task StopAsync()
    {
        await _applying.WaitAsync();
        try
        {
            _stopping.Cancel();
            Slot[] all;
            lock (_gate) all = [.. _slots.Values, .. _retiring.Values];
            foreach (var slot in all) slot.ScheduleStop.Cancel();
            await Task.WhenAll(all.Select(StopSlotAsync));
        }
        finally
        {
            _applying.Release();
        }
    }

    private static async Task StopSlotAsync(Slot slot)
    {
        await slot.Started.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await slot.Schedule.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (slot.Coordinator is not { } coordinator) return;
        try
        {
            await coordinator.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Its runner had already stopped (a removed account whose run had ended).
        }
    }

    private sealed class Slot(ServeAccount account)
    {
        public ServeAccount Account { get; } = account;
        public RunCoordinator? Coordinator { get; set; }
        public CancellationTokenSource ScheduleStop { get; } = new();
        public Task Started { get; set; } = Task.CompletedTask;
        public Task Schedule { get; set; } = Task.CompletedTask;
        public Task Retired { get; set; } = Task.CompletedTask;
    }
}
