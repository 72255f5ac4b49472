using Paystack.Actors.Runs;
using Paystack.Actors.Sync.Fetching;

namespace Paystack.Host.Admin;

/// <summary>The JSON bodies of the admin endpoint, shared by the server and the CLI verbs that read them.</summary>
internal static class AdminModels
{
    /// <param name="Schedule">How runs are scheduled, for people.</param>
    /// <param name="CurrentRun">The run going now, if any.</param>
    /// <param name="Streams">Per stream: the current run's, or else the last run's.</param>
    public sealed record Status(
        string Account,
        string Schedule,
        DateTimeOffset? NextRun,
        RunInfo? CurrentRun,
        RunInfo? LastRun,
        IReadOnlyList<string> PausedStreams,
        LimiterView? RateLimiter,
        IReadOnlyList<StreamView> Streams,
        Webhooks.WebhookStatusView? Webhooks = null);

    /// <summary>Every account the service is configured with: <c>GET /admin/accounts</c>.</summary>
    /// <param name="SourceProblem">Why the last reload of the accounts file changed nothing; null when it was read.</param>
    public sealed record AccountList(IReadOnlyList<AccountSummary> Accounts, string? SourceProblem);

    /// <param name="State">
    /// idle (its last run succeeded, or none yet), running, failing (its last run failed or was skipped), starting (a
    /// changed account waiting for the run of its previous settings to finish), removing (its last run is finishing),
    /// or invalid (its entry is refused: see <paramref name="Problem"/>).
    /// </param>
    /// <param name="Destination">Where it syncs to, any password masked.</param>
    /// <param name="Problem">What is wrong with its entry, naming the field; null when nothing is.</param>
    public sealed record AccountSummary(
        string Name, string State, string? Schedule, DateTimeOffset? NextRun, RunInfo? CurrentRun, RunInfo? LastRun,
        string? Destination, string? Problem);

    /// <param name="State">running, succeeded, failed, cancelled or skipped (another run held the destination).</param>
    public sealed record RunInfo(
        string? RunId, string Reason, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string State,
        double ElapsedSeconds, long Records, string? Error);

    /// <param name="Limit">The budget in force, which adapts: lowered on 429s, given back after quiet periods.</param>
    /// <param name="RefusedUntil">Paystack asked for a pause longer than max-pause: requests are refused until then.</param>
    public sealed record LimiterView(
        int Limit, double PeriodSeconds, long Granted, int Waiting, int SlotsInUse, DateTimeOffset? PausedUntil,
        long Throttled, double TotalWaitSeconds, int ConfiguredLimit, DateTimeOffset? RefusedUntil, long Refused)
    {
        public static LimiterView Of(RateLimiterProtocol.LimiterStatus s) => new(
            s.Limit, s.Period.TotalSeconds, s.Granted, s.Waiting, s.SlotsInUse, s.PausedUntil,
            s.Throttled, Math.Round(s.TotalWait.TotalSeconds, 3), s.ConfiguredLimit, s.RefusedUntil, s.Refused);
    }

    public sealed record TriggerResult(bool Started, string Message, RunInfo? Run);

    /// <param name="AppliedToRun">Whether a run was going and was told; either way later runs start with it paused (or not).</param>
    public sealed record PauseResult(string Stream, bool Paused, bool AppliedToRun);

    public sealed record ActorTree(IReadOnlyList<string> Actors);

    public sealed record LogLines(IReadOnlyList<string> Lines);

    public sealed record Health(string Status, IReadOnlyList<string> Problems);

    public sealed record Error(string Message);

    /// <summary>An RFC 9457 problem body (<c>application/problem+json</c>), for refusals a client may not expect.</summary>
    public sealed record Problem(string Type, string Title, int Status, string Detail);
}
