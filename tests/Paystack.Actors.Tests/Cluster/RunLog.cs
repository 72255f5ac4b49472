using System.Collections.Concurrent;
using Paystack.Actors.Runs;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Cluster;

/// <summary>
/// Every run of every account on every node of a test's cluster, starts and ends in the order their runners reported
/// them. It outlives the nodes: an entity's status only knows the runs of its current owner.
/// </summary>
internal sealed class RunLog
{
    /// <param name="End">Null when the run started; its end label (succeeded, failed, cancelled, skipped) when it ended.</param>
    public sealed record Entry(string Account, string Reason, string? End, string? Error);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>The account's entries from position <paramref name="from"/> of <see cref="Entries"/> on.</summary>
    public IEnumerable<Entry> Of(string account, int from = 0) => Entries.Skip(from).Where(e => e.Account == account);

    /// <summary>Whether the account's last reported event is a run that succeeded (none going after it).</summary>
    public bool LastSucceeded(string account) => Of(account).LastOrDefault() is { End: "succeeded" };

    /// <summary>The account's runs in the order they were reported, for a failure's message.</summary>
    public string Describe(string account) =>
        string.Join("; ", Of(account).Select(e => $"{e.End ?? "started"} ({e.Reason}){(e.Error is null ? "" : ": " + e.Error)}"));

    public IRunWatcher WatcherFor(string account) => new Watcher(this, account);

    private sealed class Watcher(RunLog log, string account) : IRunWatcher
    {
        public ISyncObserver RunStarting(string reason, SyncJob job)
        {
            log._entries.Enqueue(new Entry(account, reason, null, null));
            return NoObserver.Instance;
        }

        public void RunFinished(FinishedRun finished) =>
            log._entries.Enqueue(new Entry(account, finished.Run.Reason, finished.EndLabel, finished.Error));
    }

    private sealed class NoObserver : ISyncObserver
    {
        public static NoObserver Instance { get; } = new();
    }
}
