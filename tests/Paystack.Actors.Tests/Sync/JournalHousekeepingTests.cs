using Microsoft.Data.Sqlite;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync;

/// <summary>A stream's journal in the real SQLite journal stays small however many runs it has had.</summary>
public sealed class JournalHousekeepingTests
{
    [Fact]
    public async Task After_each_run_the_journal_keeps_a_snapshot_and_no_event_before_it()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(300), TestSettings.Create(pageSize: 10));
        var job = EngineHarness.Job(SyncMode.FullRefresh, streams: ["customers"]);

        for (var run = 0; run < 4; run++) Assert.True((await harness.RunAsync(job)).Succeeded);

        // Each run persists about 35 events (30 pages and their windows); without housekeeping 4 runs leave ~140.
        var persistenceId = StreamActor.PersistenceIdFor("test-account", "memory", "customers");
        await using var journal = new SqliteConnection($"Data Source={harness.JournalPath};Mode=ReadOnly;Pooling=False");
        await journal.OpenAsync();
        Assert.InRange(await CountAsync(journal, "journal", persistenceId), 0, 1); // the highest is kept, marked deleted
        Assert.Equal(1, await CountAsync(journal, "snapshot", persistenceId));

        // The pruned journal still resumes and runs.
        Assert.True((await harness.RunAsync(job)).Succeeded);
        Assert.Equal(harness.Sandbox.Store.Ids("customer").Order(), harness.Destination.Ids("customers").Distinct().Order());
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, string persistenceId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE persistence_id = $p";
        command.Parameters.AddWithValue("$p", persistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
