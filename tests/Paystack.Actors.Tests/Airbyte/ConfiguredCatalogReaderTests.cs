using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Tests.Airbyte;

public sealed class ConfiguredCatalogReaderTests
{
    private static string Entry(string name, string syncMode, string destinationMode = "overwrite") =>
        $$"""{"stream": {"name": "{{name}}", "json_schema": {}, "supported_sync_modes": ["full_refresh", "incremental"], "source_defined_cursor": true}, "sync_mode": "{{syncMode}}", "destination_sync_mode": "{{destinationMode}}"}""";

    private static string Catalog(params string[] entries) => $$"""{"streams": [{{string.Join(",", entries)}}]}""";

    [Fact]
    public void Reads_every_stream_in_file_order_with_their_modes()
    {
        // The first stream and those without incremental support are configured full_refresh, the rest incremental.
        var names = StreamCatalog.All.Where(s => s.SupportsIncremental).Select(s => s.Name)
            .Concat(StreamCatalog.All.Where(s => !s.SupportsIncremental).Select(s => s.Name)).ToArray();
        var incremental = StreamCatalog.All.Where(s => s.SupportsIncremental).Skip(1).Select(s => s.Name).ToHashSet();
        var json = Catalog(names.Select(n => Entry(n, incremental.Contains(n) ? "incremental" : "full_refresh")).ToArray());

        var catalog = ConfiguredCatalogReader.Parse(json);

        Assert.Equal(names, catalog.Streams.Select(s => s.Name));
        Assert.Equal(SyncMode.FullRefresh, catalog.Streams[0].SyncMode);
        Assert.All(catalog.Streams, s => Assert.Equal(incremental.Contains(s.Name), s.IsIncremental));
        Assert.Contains(catalog.Streams, s => !s.Definition.SupportsIncremental);
        Assert.All(catalog.Streams, s => Assert.Equal(DestinationSyncMode.Overwrite, s.DestinationSyncMode));
        Assert.Same(StreamCatalog.Get("invoices"), catalog.Streams.Single(s => s.Name == "invoices").Definition);
    }

    [Fact]
    public void Reads_every_destination_sync_mode()
    {
        var catalog = ConfiguredCatalogReader.Parse(Catalog(
            Entry("customers", "full_refresh", "append"), Entry("disputes", "incremental", "append_dedup"),
            Entry("refunds", "full_refresh", "update"), Entry("transfers", "full_refresh", "soft_delete")));

        Assert.Equal(
            [DestinationSyncMode.Append, DestinationSyncMode.AppendDedup, DestinationSyncMode.Update, DestinationSyncMode.SoftDelete],
            catalog.Streams.Select(s => s.DestinationSyncMode));
    }

    [Fact]
    public void Names_unknown_streams_and_lists_the_known_ones()
    {
        var error = Assert.Throws<AirbyteConfigException>(() =>
            ConfiguredCatalogReader.Parse(Catalog(Entry("customers", "incremental"), Entry("payouts", "incremental"))));

        Assert.Contains("unknown stream 'payouts'", error.Message);
        Assert.Contains("customers, disputes, invoices", error.Message);
    }

    [Fact]
    public void Rejects_incremental_for_a_stream_that_supports_only_full_refresh()
    {
        IReadOnlyList<StreamDefinition> streams = [new("balance_history", "balance/ledger", "createdAt", "id", StreamPaging.PageNumbers, SupportsTimeFilter: false)];

        var error = Assert.Throws<AirbyteConfigException>(() =>
            ConfiguredCatalogReader.Parse(Catalog(Entry("balance_history", "incremental")), available: streams));

        Assert.Contains("stream 'balance_history' supports only full_refresh, but incremental was requested", error.Message);
        Assert.Single(ConfiguredCatalogReader.Parse(Catalog(Entry("balance_history", "full_refresh")), available: streams).Streams);
    }

    [Theory]
    [InlineData("""{"streams": [{"stream": {"name": "customers"}, "destination_sync_mode": "overwrite"}]}""", "has no sync_mode (one of full_refresh, incremental)")]
    [InlineData("""{"streams": [{"stream": {"name": "customers"}, "sync_mode": "cdc", "destination_sync_mode": "overwrite"}]}""", "sync_mode 'cdc' is not one of full_refresh, incremental")]
    [InlineData("""{"streams": [{"stream": {"name": "customers"}, "sync_mode": "incremental", "destination_sync_mode": "replace"}]}""", "destination_sync_mode 'replace' is not one of append, overwrite")]
    [InlineData("""{"streams": [{"sync_mode": "incremental", "destination_sync_mode": "append"}]}""", "streams[0] has no stream.name")]
    [InlineData("""{"streams": {}}""", "must be a JSON object with a \"streams\" array")]
    [InlineData("""[]""", "must be a JSON object with a \"streams\" array")]
    [InlineData("""{"streams": [""", "is not valid JSON")]
    public void Explains_malformed_catalogs(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<AirbyteConfigException>(() => ConfiguredCatalogReader.Parse(json)).Message);

    [Fact]
    public void Rejects_a_stream_listed_twice()
    {
        var error = Assert.Throws<AirbyteConfigException>(() =>
            ConfiguredCatalogReader.Parse(Catalog(Entry("customers", "incremental"), Entry("customers", "full_refresh"))));

        Assert.Contains("stream 'customers' is listed more than once", error.Message);
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<AirbyteConfigException>(() => ConfiguredCatalogReader.Load(path));

        Assert.Equal($"Catalog file '{path}' does not exist.", error.Message);
    }
}
