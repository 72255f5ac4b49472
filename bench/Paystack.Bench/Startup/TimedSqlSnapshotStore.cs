using Akka.Persistence;
using Akka.Persistence.Sql.Snapshot;

namespace Paystack.Bench.Startup;

/// <summary>The production SQL snapshot store, timestamping its first load (served only after its tables exist).</summary>
public sealed class TimedSqlSnapshotStore(Akka.Configuration.Config config) : SqlSnapshotStore(config)
{
    protected override void PreStart()
    {
        StartupTrace.Current?.Once("snapshot store: plugin actor started");
        base.PreStart();
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        StartupTrace.Current?.Once("snapshot store: first load served (tables ready)");
        var result = await base.LoadAsync(persistenceId, criteria, cancellationToken);
        StartupTrace.Current?.Once("snapshot store: first load done");
        StartupTrace.Current?.OnCount("snapshot store: load of every stream done", TimedSqlWriteJournal.Streams);
        return result;
    }
}
