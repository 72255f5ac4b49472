using Paystack.Actors.Cluster;
using Paystack.Actors.Runs;
using Paystack.Host.Admin;

namespace Paystack.Host.Serve.Cluster;

/// <summary>What the admin endpoint of a cluster node answers: the cluster's accounts and members.</summary>
internal static class ClusterModels
{
    /// <summary><c>GET /admin/accounts</c> on a cluster node: the fields of <see cref="AdminModels.AccountList"/>, each account with its owner.</summary>
    public sealed record AccountList(IReadOnlyList<Account> Accounts, string? SourceProblem);

    /// <param name="State">idle, running, failing (its last run failed or was skipped), unreachable (its owner did not answer), or invalid.</param>
    /// <param name="Node">The member its entity lives on; null when none answered.</param>
    public sealed record Account(
        string Name, string State, string? Schedule, DateTimeOffset? NextRun, AdminModels.RunInfo? CurrentRun, AdminModels.RunInfo? LastRun,
        string? Destination, string? Problem, string? Node, IReadOnlyList<string> PausedStreams);

    /// <summary>
    /// <c>GET /admin/status?account=NAME</c> on a cluster node: the fields of <see cref="AdminModels.Status"/>, as the
    /// account's entity reports them from whichever member owns it, with the owner.
    /// </summary>
    /// <param name="Streams">Per stream, the run going; empty without one (the last run's are not kept across members).</param>
    /// <param name="RateLimiter">The key's limiter on the owner; null when the owner did not answer.</param>
    public sealed record Status(
        string Account, string State, string? Schedule, DateTimeOffset? NextRun, AdminModels.RunInfo? CurrentRun, AdminModels.RunInfo? LastRun,
        IReadOnlyList<string> PausedStreams, string? Node, string? Problem, AdminModels.LimiterView? RateLimiter, IReadOnlyList<StreamView> Streams)
    {
        public static Status Of(Account account, AccountReplies.StatusReport? report) => new(
            account.Name, account.State, account.Schedule, account.NextRun, account.CurrentRun, account.LastRun, account.PausedStreams, account.Node,
            account.Problem, report?.RateLimiter is { } limiter ? AdminModels.LimiterView.Of(limiter) : null, report?.Streams ?? []);
    }

    /// <param name="Self">The member that answered.</param>
    /// <param name="Leader">The leader as this member sees it; null while there is none.</param>
    public sealed record Members(string Self, string? Leader, IReadOnlyList<Member> All);

    /// <param name="Status">Joining, Up, Leaving, Exiting, Down, Removed (Akka's member status).</param>
    /// <param name="Reachable">False while the failure detector of this member hears nothing from it.</param>
    /// <param name="Accounts">The accounts whose entity lives on it.</param>
    public sealed record Member(string Address, string Status, bool Reachable, IReadOnlyList<string> Accounts);

    /// <summary>The answer to leave and down.</summary>
    public sealed record MemberAction(string Address, string Action, string Message);
}
