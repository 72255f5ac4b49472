using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Airbyte;

public sealed class InputStateReaderTests
{
    private static string StreamState(string name, string blob) =>
        $$$"""{"type": "STREAM", "stream": {"stream_descriptor": {"name": "{{{name}}}"}, "stream_state": {{{blob}}}}}""";

    [Fact]
    public void Reads_per_stream_state_messages()
    {
        var state = InputStateReader.Parse($$"""
            [{{StreamState("customers", """{"createdAt": "2023-03-16T09:05:02.000Z"}""")}},
             {{StreamState("invoices", """{"created_at": "2023-03-17T10:00:00.000Z"}""")}}]
            """);

        Assert.Equal(InputStateFormat.PerStream, state.Format);
        Assert.Equal("2023-03-16T09:05:02.000Z", state.GetCursor("customers"));
        Assert.Equal("2023-03-17T10:00:00.000Z", state.GetCursor("invoices"));
        Assert.Equal(new DateTimeOffset(2023, 3, 16, 9, 5, 2, TimeSpan.Zero), state.GetCursorTime("customers"));
        Assert.Null(state.GetCursor("transactions"));
    }

    [Fact]
    public void Reads_a_future_state_for_every_stream()
    {
        // The shape Airbyte's acceptance tests use to prove a read from the future returns nothing.
        var json = "[" + string.Join(",", StreamCatalog.All.Select(s =>
            StreamState(s.Name, $$"""{"{{s.CursorField}}": "2099-01-01T00:00:00.000Z"}"""))) + "]";

        var state = InputStateReader.Parse(json);

        Assert.Equal(StreamCatalog.All.Count, state.Cursors.Count);
        Assert.All(StreamCatalog.All, s => Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), state.GetCursorTime(s.Name)));
    }

    [Fact]
    public void Reads_the_legacy_dict_of_stream_states()
    {
        var state = InputStateReader.Parse("""
            {"customers": {"createdAt": "2019-08-01T00:00:00Z"}, "invoices": {"created_at": "2019-08-02T00:00:00Z"},
             "transfers": {"createdAt": "2019-08-03T00:00:00Z"}}
            """);

        Assert.Equal(InputStateFormat.Legacy, state.Format);
        Assert.Equal("2019-08-01T00:00:00Z", state.GetCursor("customers"));
        Assert.Equal("2019-08-02T00:00:00Z", state.GetCursor("invoices"));
        Assert.Equal("2019-08-03T00:00:00Z", state.GetCursor("transfers"));
    }

    [Fact]
    public void Reads_a_legacy_message_with_data()
    {
        var state = InputStateReader.Parse("""[{"type": "LEGACY", "data": {"refunds": {"createdAt": "2021-08-01"}}}]""");

        Assert.Equal(InputStateFormat.Legacy, state.Format);
        Assert.Equal("2021-08-01", state.GetCursor("refunds"));
        Assert.Equal(new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero), state.GetCursorTime("refunds"));
    }

    [Fact]
    public void Reads_the_stream_states_of_a_global_message()
    {
        var state = InputStateReader.Parse("""
            [{"type": "GLOBAL", "global": {"shared_state": {"x": 1}, "stream_states": [
              {"stream_descriptor": {"name": "settlements"}, "stream_state": {"createdAt": "2022-11-09T01:04:08.000Z"}}]}}]
            """);

        Assert.Equal(InputStateFormat.Global, state.Format);
        Assert.Equal("2022-11-09T01:04:08.000Z", state.GetCursor("settlements"));
    }

    [Fact]
    public void Accepts_the_other_spelling_of_the_cursor_field()
    {
        var state = InputStateReader.Parse($"[{StreamState("invoices", """{"createdAt": "2023-01-01T00:00:00.000Z"}""")}]");

        Assert.Equal("2023-01-01T00:00:00.000Z", state.GetCursor("invoices"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("null")]
    public void Treats_empty_input_as_no_state(string json)
    {
        var state = InputStateReader.Parse(json);

        Assert.Empty(state.Cursors);
        Assert.Equal(InputStateFormat.Empty, state.Format);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"createdAt": null}""")]
    public void A_null_or_empty_blob_resets_the_stream(string blob)
    {
        var json = $"[{StreamState("customers", blob)}, {StreamState("refunds", """{"createdAt": "2023-01-01T00:00:00Z"}""")}]";

        var state = InputStateReader.Parse(json);

        Assert.Null(state.GetCursor("customers"));
        Assert.Equal("2023-01-01T00:00:00Z", state.GetCursor("refunds"));
    }

    [Fact]
    public void Ignores_streams_this_source_does_not_have_but_reports_them()
    {
        var state = InputStateReader.Parse($"[{StreamState("payouts", """{"createdAt": "2023-01-01T00:00:00Z"}""")}]");

        Assert.Empty(state.Cursors);
        Assert.Equal(["payouts"], state.IgnoredStreams);
    }

    [Theory]
    [InlineData("""[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "customers"}, "stream_state": {"createdAt": "yesterday"}}}]""",
        "stream_state.createdAt of stream 'customers' is 'yesterday', which is not a date-time")]
    [InlineData("""[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "customers"}, "stream_state": {"createdAt": 1679000000}}}]""",
        "must be a date-time string, found 1679000000")]
    [InlineData("""[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "customers"}, "stream_state": "2023-01-01"}}]""",
        "the state of stream 'customers' must be an object like {\"createdAt\": ")]
    [InlineData("""[{"type": "STREAM", "stream": {"stream_state": {}}}]""", "[0].stream has no stream_descriptor.name")]
    [InlineData("""[{"type": "STREAM"}]""", "[0] is a STREAM state without \"stream\"")]
    [InlineData("""[{"type": "PER_STREAM", "stream": {}}]""", "[0] has type 'PER_STREAM', which is not one of STREAM, GLOBAL or LEGACY")]
    [InlineData("""[{"type": "GLOBAL", "global": {}}]""", "[0] is a GLOBAL state without \"global.stream_states\"")]
    [InlineData("""[42]""", "[0] must be a state message object")]
    [InlineData("""[{"foo": 1}]""", "[0] has no \"type\"")]
    [InlineData("\"2023-01-01\"", "must be a JSON array of state messages")]
    [InlineData("""[{"type": "STREAM", """, "is not valid JSON")]
    public void Explains_malformed_state(string json, string expected)
    {
        var error = Assert.Throws<AirbyteConfigException>(() => InputStateReader.Parse(json, "State file 's.json'"));

        Assert.StartsWith("State file 's.json' is not valid", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_two_states_for_one_stream()
    {
        var json = $"[{StreamState("customers", "{}")}, {StreamState("customers", "{}")}]";

        Assert.Contains("stream 'customers' has more than one state",
            Assert.Throws<AirbyteConfigException>(() => InputStateReader.Parse(json)).Message);
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json");

        Assert.Equal($"State file '{path}' does not exist.",
            Assert.Throws<AirbyteConfigException>(() => InputStateReader.Load(path)).Message);
    }
}
