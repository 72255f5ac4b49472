namespace Paystack.Bench.Cluster;

// What a cluster node's admin endpoint answers (src/Host/Serve/Cluster/ClusterModels.cs), the fields the bench reads.

public sealed record AccountsView(IReadOnlyList<AccountView> Accounts);

public sealed record AccountView(string Name, string State, string? Node, RunView? CurrentRun, RunView? LastRun);

public sealed record RunView(string Reason, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string State, long Records, string? Error);

public sealed record MembersView(string Self, string? Leader, IReadOnlyList<MemberView> All);

public sealed record MemberView(string Address, string Status, bool Reachable, IReadOnlyList<string> Accounts);
