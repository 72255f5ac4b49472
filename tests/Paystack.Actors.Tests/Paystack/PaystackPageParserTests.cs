using System.Text;
using System.Text.Json;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Paystack;

public sealed class PaystackPageParserTests
{
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");
    private static readonly StreamDefinition Invoices = StreamCatalog.Get("invoices");

    private static (IReadOnlyList<PaystackRecord> Records, PageMeta Meta) Parse(string json, StreamDefinition? stream = null, string? mediaType = null) =>
        PaystackPageParser.Parse(Encoding.UTF8.GetBytes(json), stream ?? Transactions, mediaType);

    [Fact]
    public void Offset_meta_and_records_are_read_with_raw_json_kept()
    {
        const string record = """{"id":4099260516,"amount":20000,"createdAt":"2024-08-22T09:15:02.000Z","customer":{"id":1}}""";
        var (records, meta) = Parse($$$"""
            {"status":true,"message":"Transactions retrieved","data":[{{{record}}}],
             "meta":{"total":7316,"total_volume":397800,"skipped":50,"perPage":50,"page":2,"pageCount":147}}
            """);

        var only = Assert.Single(records);
        Assert.Equal("4099260516", only.Id);
        Assert.Equal(record, only.Json);
        Assert.Equal("2024-08-22T09:15:02.000Z", only.CursorValue);
        Assert.Equal(new DateTimeOffset(2024, 8, 22, 9, 15, 2, TimeSpan.Zero), only.CreatedAt);
        Assert.Equal(TimeSpan.Zero, only.CreatedAt!.Value.Offset);
        Assert.Equal(new PageMeta(7316, 50, 50, 2, 147), meta);
    }

    [Fact]
    public void A_record_keeps_the_bytes_it_arrived_in_until_it_is_given_new_json()
    {
        const string record = """{"id":7,"name":"Ad\u00e9 \"O\"","city":"Lagos ✓","createdAt":"2024-08-22T09:15:02.000Z"}""";
        var (records, _) = Parse($$$"""{"status":true,"data":[{{{record}}}]}""");

        var only = Assert.Single(records);
        Assert.Equal(Encoding.UTF8.GetBytes(record), only.Utf8Json.ToArray());
        Assert.Equal(record, only.Json);
        Assert.Equal(new PaystackRecord("7", only.CreatedAt, only.CursorValue, record), only);

        var enriched = only with { Json = """{"id":7,"extra":true}""" };
        Assert.Equal("""{"id":7,"extra":true}"""u8.ToArray(), enriched.Utf8Json.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(record), only.Utf8Json.ToArray());
    }

    [Fact]
    public void Each_top_level_field_is_located_in_the_record_s_bytes_and_a_new_json_drops_the_locations()
    {
        const string record = """{"id":7, "na\u006de":"Ad\u00e9","customer":{"id":1,"tags":[1,{"a":null}]},"amount":2.5,"ok":true,"none":null,"createdAt":"2024-08-22T09:15:02.000Z"}""";
        var only = Assert.Single(Parse($$$"""{"data":[{{{record}}}],"status":true}""").Records);

        var bytes = only.Utf8Json;
        var fields = only.Fields!;
        string Name(RecordField f) => Encoding.UTF8.GetString(f.Name(bytes.Span));
        string Value(RecordField f) => Encoding.UTF8.GetString(f.Value(bytes).Span);
        Assert.Equal(["id", "na\\u006de", "customer", "amount", "ok", "none", "createdAt"], fields.Select(Name));
        Assert.Equal(["7", "\"Ad\\u00e9\"", """{"id":1,"tags":[1,{"a":null}]}""", "2.5", "true", "null", "\"2024-08-22T09:15:02.000Z\""],
            fields.Select(Value));
        Assert.Equal([false, true, false, false, false, false, false], fields.Select(f => f.NameEscaped));
        Assert.Equal([false, true, false, false, false, false, false], fields.Select(f => f.ValueEscaped));
        Assert.Equal(JsonTokenType.StartObject, fields[2].Token);

        Assert.Null((only with { Json = """{"id":7}""" }).Fields);
    }

    [Fact]
    public void A_record_with_a_field_name_too_long_to_locate_is_kept_whole_without_locations()
    {
        var longName = new string('n', RecordField.MaxNameLength + 1);
        var record = $$"""{"id":1,"{{longName}}":2}""";
        var only = Assert.Single(Parse($$"""{"status":true,"data":[{{record}}]}""").Records);
        Assert.Null(only.Fields);
        Assert.Equal(record, only.Json);
    }

    [Fact]
    public void A_key_or_cursor_given_twice_counts_as_its_last_value_as_in_a_json_document()
    {
        var only = Assert.Single(Parse("""
            {"status":true,"data":[{"id":1,"createdAt":"2023-01-01T00:00:00Z","id":2,"createdAt":"2024-01-01T00:00:00Z"}]}
            """).Records);
        Assert.Equal("2", only.Id);
        Assert.Equal("2024-01-01T00:00:00Z", only.CursorValue);
        Assert.Throws<InvalidBodyException>(() => Parse("""{"status":true,"data":[{"id":1,"id":{}}]}"""));
    }

    [Theory]
    [InlineData("""{"status":true,"data":[{"amount":1}, {"id":]}""", true)]
    [InlineData("""{"status":true,"data":[{"id":1}]} {"status":true}""", true)]
    [InlineData("""{"status":true,"data":[{"id":1}]} x""", true)]
    [InlineData("""{"data":[{"amount":1}],"status":false,"message":"Invalid key"}""", false)]
    public void Malformed_json_anywhere_is_reported_before_the_page_s_shape_and_status_before_its_records(string body, bool retryable)
    {
        var ex = Assert.Throws<InvalidBodyException>(() => Parse(body));
        Assert.Equal(retryable, ex.Retryable);
        if (!retryable) Assert.Contains("status false", ex.Description);
    }

    [Fact]
    public void Ids_beyond_int32_and_double_precision_keep_their_exact_digits()
    {
        var (records, _) = Parse("""{"status":true,"data":[{"id":9007199254740993},{"id":"90225809"}],"meta":{}}""");
        Assert.Equal(["9007199254740993", "90225809"], records.Select(r => r.Id));
    }

    [Fact]
    public void PerPage_as_a_string_is_read_as_a_number()
    {
        var (_, meta) = Parse("""{"status":true,"data":[],"meta":{"total":"12","perPage":"200","page":"1","pageCount":1}}""");
        Assert.Equal(200, meta.PerPage);
        Assert.Equal(12, meta.Total);
        Assert.Equal(1, meta.Page);
    }

    [Fact]
    public void Missing_meta_and_missing_or_zero_pageCount_leave_it_null_or_zero()
    {
        Assert.Equal(new PageMeta(), Parse("""{"status":true,"data":[{"id":1}]}""").Meta);
        Assert.Null(Parse("""{"status":true,"data":[],"meta":{"total":0,"perPage":50,"page":1}}""").Meta.PageCount);
        Assert.Equal(0, Parse("""{"status":true,"data":[],"meta":{"total":0,"pageCount":0}}""").Meta.PageCount);
        Assert.Equal(new PageMeta(), Parse("""{"status":true,"data":[],"meta":null}""").Meta);
    }

    [Fact]
    public void Cursor_meta_treats_null_and_the_string_null_as_no_token()
    {
        var (_, docs) = Parse("""{"status":true,"data":[],"meta":{"next":"dW5kZWZpbmVkOjQwOTczNTgxNTg=","previous":"null","perPage":49}}""");
        Assert.Equal("dW5kZWZpbmVkOjQwOTczNTgxNTg=", docs.Next);
        Assert.Null(docs.Previous);
        Assert.Equal(49, docs.PerPage);

        var (_, last) = Parse("""{"status":true,"data":[],"meta":{"next":null,"previous":"Y3VzdG9tZXI6OTAyMjU4MDk=","perPage":3}}""");
        Assert.Null(last.Next);
        Assert.Equal("Y3VzdG9tZXI6OTAyMjU4MDk=", last.Previous);
    }

    [Fact]
    public void Invoices_read_the_snake_case_cursor_field()
    {
        var (records, _) = Parse("""{"status":true,"data":[{"id":3136406,"created_at":"2023-03-16T09:05:02.000Z","createdAt":"1999-01-01T00:00:00.000Z"}]}""", Invoices);
        Assert.Equal("2023-03-16T09:05:02.000Z", records[0].CursorValue);
    }

    [Fact]
    public void A_record_without_a_cursor_field_or_with_an_offset_time_is_handled()
    {
        var (records, _) = Parse("""{"status":true,"data":[{"id":1},{"id":2,"createdAt":null},{"id":3,"createdAt":"2024-01-01T02:00:00+02:00"}]}""");
        Assert.Null(records[0].CreatedAt);
        Assert.Null(records[1].CursorValue);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), records[2].CreatedAt);
        Assert.Equal(TimeSpan.Zero, records[2].CreatedAt!.Value.Offset);
    }

    [Fact]
    public void Null_data_is_an_empty_page()
    {
        Assert.Empty(Parse("""{"status":true,"message":"No records","data":null}""").Records);
    }

    [Theory]
    [InlineData("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "an HTML page instead of JSON")]
    [InlineData("""{"status":true,"data":[{"id":1,"createdAt":"2024""", "JSON that is cut off or malformed")]
    [InlineData("", "an empty body instead of JSON")]
    [InlineData("Service Unavailable", "a body that is not JSON")]
    public void Unreadable_bodies_are_named_and_retryable(string body, string description)
    {
        var ex = Assert.Throws<InvalidBodyException>(() => Parse(body));
        Assert.Equal(description, ex.Description);
        Assert.True(ex.Retryable);
    }

    [Theory]
    [InlineData("""{"status":true,"message":"ok"}""", "without 'data'")]
    [InlineData("""{"status":true,"data":{"id":1}}""", "'data' as a JSON object")]
    [InlineData("""{"status":true,"data":[{"amount":1}]}""", "record 0 has no usable 'id'")]
    [InlineData("""{"status":true,"data":[{"id":null}]}""", "record 0 has no usable 'id'")]
    [InlineData("""{"status":true,"data":[{"id":1},42]}""", "record 1 is a JSON number")]
    [InlineData("""{"status":false,"message":"Invalid key"}""", "status false with a success code: Invalid key")]
    [InlineData("""[1,2]""", "a JSON list instead of")]
    public void Json_of_the_wrong_shape_is_final(string body, string fragment)
    {
        var ex = Assert.Throws<InvalidBodyException>(() => Parse(body));
        Assert.Contains(fragment, ex.Description);
        Assert.False(ex.Retryable);
    }

    [Fact]
    public void Old_and_new_error_bodies_are_both_understood()
    {
        var old = PaystackErrorBody.TryParse(Encoding.UTF8.GetBytes("""{"status":false,"message":"Invalid key"}"""));
        Assert.Equal("Invalid key", old!.Describe());

        var current = PaystackErrorBody.TryParse(Encoding.UTF8.GetBytes(
            """{"status":false,"message":"Rate limit exceeded!","meta":{"nextStep":"Wait a few minutes and try the API call again"},"type":"api_error","code":"rate_limited"}"""));
        Assert.Equal("Rate limit exceeded! (api_error/rate_limited). Next step: Wait a few minutes and try the API call again", current!.Describe());

        Assert.Null(PaystackErrorBody.TryParse(Encoding.UTF8.GetBytes("<html>oops</html>")));
        Assert.Null(PaystackErrorBody.TryParse(Encoding.UTF8.GetBytes("""{"status":false,"mess""")));
    }
}
