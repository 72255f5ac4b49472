using LinqToDB;
using LinqToDB.Data;
using LinqToDB.Mapping;
using Paystack.Actors.Configuration;

namespace Paystack.Actors.Engine;

/// <summary>
/// Asks the journal database, on a pool thread, the question a stream's recovery asks first (its highest sequence
/// number) through linq2db, while the actor system is still being built on the calling thread. linq2db's first query
/// of a process (its provider, its translator, their compiled code) is most of what a journal plugin spends before
/// its first answer; done here, on the other core, the plugins find it ready: 50-80 ms sooner to the first request
/// of a run (bench/README.md, "Start-up"). Reads nothing of use and writes nothing; any failure is the plugins' to
/// report, since they make the same connection right after.
/// </summary>
internal static class JournalQueryWarmUp
{
    public static void Start(PersistenceSettings persistence) => _ = Task.Run(() =>
    {
        try
        {
            using var db = new DataConnection(new DataOptions().UseConnectionString(
                JournalConfig.ProviderName(persistence.Provider), persistence.ConnectionString));
            _ = db.GetTable<JournalRow>().Where(row => row.PersistenceId == "paystack-sync-warm-up").Max(row => (long?)row.SequenceNumber);
        }
        catch (Exception)
        {
            // A journal without tables yet (the plugin creates them) or a database that is down: nothing to warm here.
        }
    });

    /// <summary>The two columns of Akka.Persistence.Sql's journal table (default mapping) the query reads.</summary>
    [Table("journal")]
    private sealed class JournalRow
    {
        [Column("persistence_id")] public string PersistenceId { get; set; } = "";
        [Column("sequence_number")] public long SequenceNumber { get; set; }
    }
}
