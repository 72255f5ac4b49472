using System.Text.Json;
using Paystack.Actors.Destinations.Typing;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Destinations.Typing;

public sealed class RecordTyperTests
{
    private static readonly StreamDefinition Stream = new("things", "thing", "createdAt", "id", StreamPaging.PageNumbers);

    [Theory]
    [InlineData("BigInt", "42", 42L)]
    [InlineData("Money", "9007199254740993", 9007199254740993L)]
    [InlineData("Number", "2.5", 2.5)]
    [InlineData("Boolean", "true", true)]
    [InlineData("Text", "\"NGN\"", "NGN")]
    [InlineData("Text", "12", "12")]
    [InlineData("Json", "{\"a\":[1,2]}", "{\"a\":[1,2]}")]
    [InlineData("Json", "\"text\"", "\"text\"")]
    public void A_value_of_the_column_s_type_is_kept(string type, string json, object expected)
    {
        Assert.Equal(expected, RecordTyper.Convert(Enum.Parse<ColumnType>(type), Parse(json), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Money_beyond_64_bits_stays_exact()
    {
        Assert.Equal(123456789012345678901234m, RecordTyper.Convert(ColumnType.Money, Parse("123456789012345678901234"), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_date_time_becomes_a_utc_time()
    {
        var value = RecordTyper.Convert(ColumnType.Timestamp, Parse("\"2024-03-16T10:05:02.000+01:00\""), out var problem);
        Assert.Null(problem);
        Assert.Equal(new DateTimeOffset(2024, 3, 16, 9, 5, 2, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)value!).Offset);
    }

    [Theory]
    [InlineData("BigInt", "\"5000\"")]
    [InlineData("BigInt", "2.5")]
    [InlineData("BigInt", "99999999999999999999")]
    [InlineData("Money", "\"5000\"")]
    [InlineData("Boolean", "1")]
    [InlineData("Timestamp", "\"yesterday\"")]
    [InlineData("Timestamp", "1700000000")]
    public void A_value_that_does_not_fit_is_null_with_the_reason(string type, string json)
    {
        Assert.Null(RecordTyper.Convert(Enum.Parse<ColumnType>(type), Parse(json), out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_null_is_null_and_no_problem()
    {
        Assert.Null(RecordTyper.Convert(ColumnType.BigInt, Parse("null"), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void The_field_spelled_as_the_column_fills_it_and_a_new_field_adds_a_column_typed_by_its_value()
    {
        var columns = new TableColumns(ColumnType.BigInt, [("created_at", ColumnType.Timestamp), ("amount", ColumnType.Money)]);
        var typer = new RecordTyper(Stream, columns);
        var row = typer.Type(new PaystackRecord("7", null, null,
            """{"id":7,"createdAt":"2024-01-01T00:00:00Z","created_at":"2024-02-02T00:00:00Z","amount":"500","riskScore":3,"tags":["a"],"note":null}"""));

        Assert.Equal(7L, row.Key);
        Assert.Equal(new DateTimeOffset(2024, 2, 2, 0, 0, 0, TimeSpan.Zero), row.ValueAt(0));
        Assert.Null(row.ValueAt(1));
        Assert.True(columns.TryGetOrdinal("risk_score", out var risk));
        Assert.Equal((ColumnType.BigInt, 3L), (columns[risk].Type, row.ValueAt(risk)));
        Assert.True(columns.TryGetOrdinal("tags", out var tags));
        Assert.Equal(ColumnType.Json, columns[tags].Type);
        Assert.False(columns.TryGetOrdinal("note", out _));
        Assert.Equal(["risk_score", "tags"], columns.Pending.Select(c => c.Name));

        var change = Assert.Single(JsonDocument.Parse(row.Meta!).RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("amount", change.GetProperty("field").GetString());
        Assert.Equal("NULLED", change.GetProperty("change").GetString());

        columns.Rollback();
        Assert.False(columns.TryGetOrdinal("risk_score", out _));
        Assert.Equal(2, columns.Count);
    }

    [Fact]
    public void Text_and_json_values_are_the_record_s_own_bytes_and_escaped_strings_are_unescaped()
    {
        var columns = new TableColumns(ColumnType.BigInt, [("name", ColumnType.Text), ("city", ColumnType.Text),
            ("tags", ColumnType.Json), ("code", ColumnType.Text)]);
        var row = new RecordTyper(Stream, columns).Type(new PaystackRecord("7", null, null,
            """{"id":7,"name":"Ad\u00e9 \"O\"","city":"Lagos ✓","tags":["a", {"b":1}],"code":12}"""));

        Assert.Equal("Adé \"O\"", row.ValueAt(0)?.ToString());
        Assert.Equal("Lagos ✓", Assert.IsType<Utf8Text>(row.ValueAt(1)).ToString());
        Assert.Equal("""["a", {"b":1}]""", Assert.IsType<Utf8Text>(row.ValueAt(2)).ToString());
        Assert.Equal("12", row.ValueAt(3)?.ToString());
        Assert.Null(row.Meta);
    }

    [Fact]
    public void A_record_without_a_numeric_id_in_a_bigint_keyed_table_is_refused_with_a_clear_message()
    {
        var typer = new RecordTyper(Stream, new TableColumns(ColumnType.BigInt, []));
        var error = Assert.Throws<InvalidDataException>(() => typer.Type(new PaystackRecord("abc", null, null, """{"id":"abc"}""")));
        Assert.Contains("'abc'", error.Message);
    }

    /// <summary>Records with every kind of field the page parse locates: spellings, escapes, repeats, values that do not fit.</summary>
    private static readonly string[] Records =
    [
        """{"id":7,"createdAt":"2024-01-01T00:00:00Z","created_at":"2024-02-02T00:00:00+01:00","amount":"500","riskScore":3,"tags":["a"],"note":null}""",
        """{"id":8,"name":"Ad\u00e9 \"O\"","city":"Lagos ✓","code":12,"amount":123456789012345678901234,"fees":2.5,"paid":true,"flag":false}""",
        """{"id":9,"name":{"first":"A"},"amount":{"value":1},"paid":"yes","created_at":"yesterday","city":[1,2],"ratio":1e400,"size":-12}""",
        """{"i\u0064":10,"n\u0061me":"escaped name","createdAt":"2024-03-16T10:05:02.000+01:00","customer":{"id":1,"email":"a@b.c"},"total":99999999999999999999}""",
        """{"id":11,"name":null,"amount":-0,"paid":null,"tags":"not a list","score":2.0,"metadata":{"custom_fields":[{"a":"b"}]}}""",
        """{"id":12,"createdAt":"yesterday","amount":1.5,"created_at":"2024-02-02T00:00:00Z","paid":true,"paid":3}""",
        """{"id":13,"created_at":"2024-02-02T00:00:00Z","createdAt":"yesterday","tags":null,"tags":[1]}""",
    ];

    public static TheoryData<string> EachRecord() => new(Records);

    [Theory]
    [MemberData(nameof(EachRecord))]
    public void A_record_from_a_page_is_typed_from_the_fields_the_parse_located_exactly_as_from_its_text(string record)
        => AssertTypedAlikeFromPageAndText([record]);

    /// <summary>
    /// The typer matches a field by the name last met at its position: records of one batch whose names differ at the
    /// same position (other fields, other spellings, escaped names, repeats) are typed as each alone.
    /// </summary>
    [Fact]
    public void A_batch_of_records_with_different_fields_at_the_same_positions_is_typed_as_each_record_alone()
    {
        var random = new Random(5);
        var batch = Enumerable.Range(0, 96).Select(_ => Records[random.Next(Records.Length)]).ToList(); // past the parallel threshold

        AssertTypedAlikeFromPageAndText(batch);
    }

    private static void AssertTypedAlikeFromPageAndText(IReadOnlyList<string> records)
    {
        var page = System.Text.Encoding.UTF8.GetBytes($$$"""{"status":true,"data":[{{{string.Join(",", records)}}}]}""");
        var fromPage = PaystackPageParser.Parse(page, Stream).Records;
        Assert.Equal(records.Count, fromPage.Count);
        Assert.All(fromPage, r => Assert.NotNull(r.Fields));
        var fromText = fromPage.Select((r, i) => new PaystackRecord(r.Id, r.CreatedAt, r.CursorValue, records[i])).ToList();
        Assert.All(fromText, r => Assert.Null(r.Fields));

        foreach (var jsonByField in new[] { false, true })
        {
            var located = Columns();
            var read = Columns();
            var rowsFromPage = new RecordTyper(Stream, located, jsonByField).TypeAll(fromPage);
            var rowsFromText = fromText.Select(r => new RecordTyper(Stream, read, jsonByField).TypeAll([r])[0]).ToList();

            Assert.Equal(read.All, located.All);
            for (var i = 0; i < records.Count; i++)
            {
                var (rowFromPage, rowFromText) = (rowsFromPage[i], rowsFromText[i]);
                Assert.Equal(rowFromText.Key, rowFromPage.Key);
                Assert.Equal(rowFromText.Meta, rowFromPage.Meta);
                Assert.Equal(Padded(rowFromText, read.Count), Padded(rowFromPage, read.Count));
            }
        }

        static TableColumns Columns() => new(ColumnType.BigInt, [("created_at", ColumnType.Timestamp), ("amount", ColumnType.Money),
            ("name", ColumnType.Text), ("paid", ColumnType.Boolean), ("tags", ColumnType.Json), ("fees", ColumnType.Number)]);
        // A row typed before a later record added columns is shorter; the columns it lacks are null.
        static IEnumerable<string> Padded(TypedRow row, int count) =>
            row.Values.Select(Shown).Concat(Enumerable.Repeat("null", count - row.Values.Length));
        static string Shown(object? value) => value switch
        {
            null => "null",
            JsonField field => "field:" + field.Name,
            _ => $"{value.GetType().Name}:{value}",
        };
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
