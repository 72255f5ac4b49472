using System.Text.Json.Nodes;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;

namespace Paystack.Actors.Tests.Sync;

public sealed class RecordEnricherTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RunProgress Run = new("run-1", SyncMode.Incremental, Start, Start.AddDays(1)) { StartedAt = Start.AddDays(1).AddSeconds(30) };

    [Fact]
    public void A_child_record_names_its_parent_and_takes_the_parents_time_as_its_cursor()
    {
        var stream = StreamCatalog.Get("settlement_transactions");
        var window = TimeWindow.OfParent("4600000007", Start.AddHours(3));
        var record = new PaystackRecord("5000000001", null, null, """{"id":5000000001,"reference":"ré-1","amount":12345678901234,"createdAt":"2024-04-30T10:00:00.000Z"}""");

        var enriched = Assert.Single(RecordEnricher.Enrich(stream, window, Run, [record]));

        var json = JsonNode.Parse(enriched.Json)!.AsObject();
        Assert.Equal(4600000007, json["settlement_id"]!.GetValue<long>());
        Assert.Equal("2024-05-01T03:00:00.000Z", json["settlement_createdAt"]!.GetValue<string>());
        Assert.Equal("2024-05-01T03:00:00.000Z", enriched.CursorValue);
        Assert.Equal(window.From, enriched.CreatedAt);
        Assert.Equal("5000000001", enriched.Id);
        Assert.Contains("\"reference\":\"ré-1\"", enriched.Json); // other fields keep their text
        Assert.Contains("\"amount\":12345678901234", enriched.Json);
    }

    [Fact]
    public void A_field_the_record_already_has_is_replaced_not_repeated()
    {
        var stream = StreamCatalog.Get("settlement_transactions");
        var record = new PaystackRecord("1", null, null, """{"id":1,"settlement_id":null}""");

        var enriched = Assert.Single(RecordEnricher.Enrich(stream, TimeWindow.OfParent("42", Start), Run, [record]));

        Assert.Equal("""{"settlement_id":42,"settlement_createdAt":"2024-05-01T00:00:00.000Z","id":1}""", enriched.Json);
    }

    [Fact]
    public void A_point_in_time_record_carries_the_run_start_which_joins_its_key()
    {
        var stream = StreamCatalog.Get("balances");
        var window = new TimeWindow(Start, Start.AddDays(1));
        var record = new PaystackRecord("NGN", null, null, """{"currency":"NGN","balance":700000}""");

        var enriched = Assert.Single(RecordEnricher.Enrich(stream, window, Run, [record]));

        Assert.Equal("NGN|2024-05-02T00:00:30.000Z", enriched.Id);
        Assert.Equal("2024-05-02T00:00:30.000Z", JsonNode.Parse(enriched.Json)!["read_at"]!.GetValue<string>());
        Assert.Equal(["currency", "read_at"], stream.KeyFields);
    }

    [Fact]
    public void Records_of_other_streams_pass_through_untouched()
    {
        var record = new PaystackRecord("1", Start, "2024-05-01T00:00:00.000Z", """{"id":1,"createdAt":"2024-05-01T00:00:00.000Z"}""");
        var records = new[] { record };

        Assert.Same(records, RecordEnricher.Enrich(StreamCatalog.Get("transactions"), new TimeWindow(Start, Start.AddDays(1)), Run, records));
    }
}
