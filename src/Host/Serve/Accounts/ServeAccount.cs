using Paystack.Actors.Engine;

namespace Paystack.Host.Serve.Accounts;

/// <summary>One account serve syncs: what its runs do, and when.</summary>
/// <param name="Name">The account's name: its progress is kept under it (journal keys, the destination's record, the lease).</param>
/// <param name="Fingerprint">Changes whenever anything a run uses changes (the key included, as a hash): a reload restarts the account then.</param>
internal sealed record ServeAccount(string Name, SyncRequest Request, RunSchedule Schedule, string Fingerprint);

/// <summary>An entry of the accounts file that cannot be served, and why (never containing its key).</summary>
/// <param name="Name">The entry's name, or "entry N" when it has none that can be used.</param>
internal sealed record AccountProblem(string Name, string Problem)
{
    /// <summary>The entry as readiness names it, the same in a single serve and on every cluster member.</summary>
    public string ForReadiness => $"account {Name} is not served: {Problem}";
}

/// <summary>What the accounts file (or <c>--config</c>) holds now: the accounts to serve and the entries refused.</summary>
internal sealed record AccountsLoad(IReadOnlyList<ServeAccount> Accounts, IReadOnlyList<AccountProblem> Problems);
