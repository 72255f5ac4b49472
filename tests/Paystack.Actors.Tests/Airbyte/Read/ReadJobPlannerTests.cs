using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Read;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Airbyte.Read;

public sealed class ReadJobPlannerTests
{
    [Fact]
    public void Incremental_streams_start_from_their_saved_cursor_and_full_refresh_streams_from_start_date()
    {
        var config = new SourceConfig("sk_test_abc123", new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), LookbackWindowDays: 5);
        var catalog = new ConfiguredCatalog(
        [
            new ConfiguredStream(StreamCatalog.Get("customers"), SyncMode.Incremental, DestinationSyncMode.Append),
            new ConfiguredStream(StreamCatalog.Get("invoices"), SyncMode.FullRefresh, DestinationSyncMode.Overwrite),
            new ConfiguredStream(StreamCatalog.Get("refunds"), SyncMode.Incremental, DestinationSyncMode.AppendDedup),
        ]);
        var state = InputStateReader.Parse("""{"customers": {"createdAt": "2024-05-01T00:00:00Z"}, "invoices": {"created_at": "2024-05-01T00:00:00Z"}}""");

        var job = ReadJobPlanner.Plan(config, catalog, state);

        Assert.Equal(AccountId.FromSecretKey("sk_test_abc123"), job.AccountId);
        Assert.DoesNotContain("abc123", job.AccountId);
        Assert.Equal(config.StartDate, job.StartDate);
        Assert.Equal(5, job.LookbackDays);
        Assert.Equal(["customers", "invoices", "refunds"], job.Streams.Select(s => s.Stream.Name));
        Assert.Equal([SyncMode.Incremental, SyncMode.FullRefresh, SyncMode.Incremental], job.Streams.Select(s => s.Mode));
        Assert.Equal("2024-05-01T00:00:00Z", job.Streams[0].InitialCursor);
        Assert.Null(job.Streams[1].InitialCursor); // a full refresh reads everything whatever the state says
        Assert.Null(job.Streams[2].InitialCursor); // no saved state: from start_date
    }
}
