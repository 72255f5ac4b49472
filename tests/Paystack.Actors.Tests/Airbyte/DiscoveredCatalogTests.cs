using System.Text.Json.Nodes;
using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;

namespace Paystack.Actors.Tests.Airbyte;

public sealed class DiscoveredCatalogTests
{
    [Fact]
    public void Offers_every_stream_of_the_catalog_with_its_cursor_and_key()
    {
        var catalog = DiscoveredCatalog.Build();

        Assert.Equal(StreamCatalog.All.Select(s => s.Name), catalog.Streams.Select(s => s.Name));
        foreach (var (stream, definition) in catalog.Streams.Zip(StreamCatalog.All))
        {
            SyncMode[] modes = definition.SupportsIncremental ? [SyncMode.FullRefresh, SyncMode.Incremental] : [SyncMode.FullRefresh];
            Assert.Equal(modes, stream.SupportedSyncModes);
            Assert.Equal(definition.SupportsIncremental, stream.SourceDefinedCursor);
            Assert.Equal(definition.SupportsIncremental ? [definition.CursorField] : null, stream.DefaultCursorField);
            Assert.Equal(definition.KeyFields.Select(f => new[] { f }), stream.SourceDefinedPrimaryKey!.Select(k => k.ToArray()));
        }
        Assert.Equal([["currency"], ["read_at"]], catalog.Streams.Single(s => s.Name == "balances").SourceDefinedPrimaryKey!.Select(k => k.ToArray()));
        Assert.Equal(["settlement_createdAt"], catalog.Streams.Single(s => s.Name == "settlement_transactions").DefaultCursorField);
        Assert.Equal(["created_at"], catalog.Streams.Single(s => s.Name == "invoices").DefaultCursorField);
        Assert.Contains(catalog.Streams, s => s.SupportedSyncModes.Count == 1); // full-refresh-only streams exist
    }

    [Fact]
    public void Offers_only_full_refresh_for_a_stream_without_a_time_filter()
    {
        var stream = DiscoveredCatalog.ToAirbyteStream(new StreamDefinition("customers", "customer", "createdAt", "id", StreamPaging.PageNumbersOrCursor, SupportsTimeFilter: false));

        Assert.Equal([SyncMode.FullRefresh], stream.SupportedSyncModes);
    }

    [Fact]
    public void Every_stream_schema_is_an_open_object_with_nullable_fields_and_its_cursor_and_key()
    {
        foreach (var definition in StreamCatalog.All)
        {
            var schema = StreamSchemas.Get(definition.Name);
            Assert.Equal("object", schema["type"]!.GetValue<string>());
            Assert.True(schema["additionalProperties"]!.GetValue<bool>());
            var properties = schema["properties"]!.AsObject();
            Assert.All(definition.KeyFields, key => Assert.Contains(key, properties.Select(p => p.Key)));
            if (definition.SupportsIncremental)
                Assert.Equal("date-time", properties[definition.CursorField]!["format"]!.GetValue<string>());
            foreach (var (name, field) in properties)
            {
                var types = field!["type"]!.AsArray().Select(t => t!.GetValue<string>());
                Assert.True(types.Contains("null"), $"{definition.Name}.{name} is not nullable");
            }
        }
    }

    [Fact]
    public void A_stream_without_a_schema_file_is_reported_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DiscoveredCatalog.ToAirbyteStream(new StreamDefinition("payouts", "payout", "createdAt", "id", StreamPaging.PageNumbers)));

        Assert.Contains("src/Actors/Airbyte/Schemas/payouts.json", error.Message);
    }

    [Fact]
    public void Each_call_returns_a_schema_the_caller_may_change()
    {
        var first = StreamSchemas.Get("customers");
        first["title"] = "changed";

        Assert.NotEqual("changed", StreamSchemas.Get("customers")["title"]!.GetValue<string>());
    }
}
