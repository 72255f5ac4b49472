using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>
/// The typed tables every SQL destination writes: a column per schema field of the type the schema declares, plain
/// SQL over them, new fields added as columns, untypable values noted in <c>_meta</c> and kept raw, and tables of the
/// earlier raw layout migrated in place. Run against each database by a deriving class; every read goes through a
/// connection of its own, as a user's query would.
/// </summary>
public abstract partial class TypedTableContractTests : IAsyncLifetime
{
    private readonly List<IDestination> _opened = [];
    private static CancellationToken Ct => CancellationToken.None;
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");

    /// <summary>A destination over this test's storage, its tables named with <paramref name="prefix"/>.</summary>
    protected abstract IDestination CreateDestinationCore(string prefix);

    /// <summary>Each column of <paramref name="table"/> and its type as the database's catalogue names it.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(string table);

    /// <summary>Whether an index of <paramref name="table"/> starts with <paramref name="column"/>.</summary>
    protected abstract Task<bool> IsIndexedAsync(string table, string column);

    /// <summary>Whether <paramref name="table"/> has a unique index on id alone.</summary>
    protected abstract Task<bool> HasUniqueIdAsync(string table);

    /// <summary>A connection of its own to the destination's database, opened, whose unqualified names are the test's tables.</summary>
    protected abstract Task<DbConnection> OpenAsync();

    /// <summary>Rows of a query, values as the provider returns them.</summary>
    protected async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The database's name for each kind of column the schemas declare.</summary>
    protected abstract string TypeName(string kind);

    /// <summary>CREATE TABLE of the layout every version before typed columns wrote.</summary>
    protected abstract string RawLayoutTableSql(string table);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var destination in _opened) await destination.DisposeAsync();
    }

    private IDestination CreateDestination(string prefix = "")
    {
        var destination = CreateDestinationCore(prefix);
        _opened.Add(destination);
        return destination;
    }

    [DestinationFact]
    public async Task Every_stream_table_has_the_typed_columns_its_schema_declares()
    {
        var destination = CreateDestination();
        foreach (var stream in StreamCatalog.All)
        {
            await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, "run-1", Ct);
            await destination.CompleteStreamAsync(stream, null, Ct);
            var columns = await ColumnTypesAsync(stream.Name);
            var properties = StreamSchemas.Get(stream.Name)["properties"]!.AsObject();
            foreach (var (field, schema) in properties)
            {
                if (field == "id") continue;
                var column = SnakeCase(field);
                Assert.True(columns.ContainsKey(column), $"{stream.Name}: no column {column} for field {field}");
                Assert.True(TypeName(ExpectedKind(column, schema!.AsObject())) == columns[column],
                    $"{stream.Name}.{column} is {columns[column]}, the schema asks for {TypeName(ExpectedKind(column, schema.AsObject()))}");
            }

            Assert.Equal(TypeName(stream.Name == "balances" ? "text" : "bigint"), columns["id"]);
            Assert.Equal(TypeName("timestamp"), columns["created_at"]);
            Assert.Equal(TypeName("json"), columns["_meta"]);
            Assert.Contains("record", columns.Keys);
            Assert.Contains("_run_id", columns.Keys);
            Assert.Contains("_synced_at", columns.Keys);
            Assert.True(await IsIndexedAsync(stream.Name, "created_at"), $"{stream.Name}.created_at has no index");
            Assert.True(await HasUniqueIdAsync(stream.Name), $"{stream.Name} has no unique key on id");
        }
    }

    [DestinationFact]
    public async Task Plain_sql_sums_amounts_by_status_and_finds_a_row_by_its_numeric_id()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        var records = Enumerable.Range(1, 30).Select(i => Transaction(i, i % 3 == 0 ? "failed" : "success", amount: i * 1_000L)).ToList();
        // An amount beyond 2^53 stays exact where the column is numeric.
        records.Add(Transaction(31, "reversed", amount: 9_007_199_254_740_993L));
        await destination.WriteAsync(Transactions, records, null, Ct);

        var sums = (await QueryAsync("SELECT status, sum(amount) FROM transactions GROUP BY status ORDER BY status"))
            .ToDictionary(r => (string)r[0]!, r => Convert.ToDecimal(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 30).Where(i => i % 3 == 0).Sum(i => i * 1_000m), sums["failed"]);
        Assert.Equal(Enumerable.Range(1, 30).Where(i => i % 3 != 0).Sum(i => i * 1_000m), sums["success"]);
        Assert.Equal(9_007_199_254_740_993m, sums["reversed"]);

        var row = Assert.Single(await QueryAsync("SELECT reference, amount, customer FROM transactions WHERE id = 17"));
        Assert.Equal("ref-17", row[0]);
        Assert.Equal(17_000m, Convert.ToDecimal(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(17L, JsonNode.Parse(Convert.ToString(row[2], CultureInfo.InvariantCulture)!)!["id"]!.GetValue<long>());

        var recent = await QueryAsync("SELECT count(*) FROM transactions WHERE created_at >= '2024-03-16T10:00:00Z'");
        // Ids 8 to 31 were created from 10:00 on (09:05:02 plus 7 minutes per id).
        Assert.Equal(24L, Convert.ToInt64(recent[0][0], CultureInfo.InvariantCulture));
    }

    [DestinationFact]
    public async Task Records_read_from_a_page_land_with_escaped_and_non_ascii_text_exact()
    {
        const string body = """
            {"status":true,"data":[
              {"id":41,"status":"success","reference":"Ad\u00e9 \"O\" \\ ✓","gateway_response":"Lagos ✓ naïve","amount":500,
               "createdAt":"2024-03-16T09:05:02.000Z","customer":{"id":41,"email":"ade\u00e9@example.com"}},
              {"id":42,"status":"success","reference":"plain","amount":600,"createdAt":"2024-03-16T09:06:02.000Z"}]}
            """;
        var (records, _) = PaystackPageParser.Parse(System.Text.Encoding.UTF8.GetBytes(body), Transactions);
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-1", Ct);
        await destination.WriteAsync(Transactions, records, null, Ct);

        var row = Assert.Single(await QueryAsync("SELECT reference, gateway_response, customer, record, amount FROM transactions WHERE id = 41"));
        Assert.Equal("Adé \"O\" \\ ✓", row[0]);
        Assert.Equal("Lagos ✓ naïve", row[1]);
        Assert.Equal("adeé@example.com", JsonNode.Parse(Convert.ToString(row[2], CultureInfo.InvariantCulture)!)!["email"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(records[0].Json), JsonNode.Parse(Convert.ToString(row[3], CultureInfo.InvariantCulture)!)));
        Assert.Equal(500m, Convert.ToDecimal(row[4], CultureInfo.InvariantCulture));
        Assert.Equal("plain", Assert.Single(await QueryAsync("SELECT reference FROM transactions WHERE id = 42"))[0]);
    }

    [DestinationFact]
    public async Task A_new_field_adds_a_column_and_a_mistyped_value_is_noted_and_kept_raw_in_every_mode()
    {
        foreach (var mode in new[] { WriteMode.Append, WriteMode.AppendDedup, WriteMode.Overwrite })
        {
            var prefix = mode.ToString().ToLowerInvariant() + "_";
            var table = prefix + "transactions";
            var destination = CreateDestination(prefix);
            await destination.BeginStreamAsync(Transactions, mode, "run-1", Ct);
            await destination.WriteAsync(Transactions, Enumerable.Range(1, 5).Select(i => Transaction(i, "success", i * 100L)).ToList(), null, Ct);
            var drifted = Enumerable.Range(6, 5).Select(i => Transaction(i, "success", i * 100L, drift: true)).ToList();
            await destination.WriteAsync(Transactions, drifted, null, Ct);
            // A record seen again (the lookback window) lands once in dedupe and overwrite, twice in append.
            await destination.WriteAsync(Transactions, [Transaction(6, "success", 600, drift: true)], null, Ct);
            await destination.CompleteStreamAsync(Transactions, null, Ct);

            var columns = await ColumnTypesAsync(table);
            Assert.Equal(TypeName("bigint"), columns["risk_score"]);
            Assert.Equal(TypeName("json"), columns["device"]);
            var rows = await QueryAsync($"SELECT id, amount, risk_score, _meta, record FROM {table} ORDER BY id");
            Assert.Equal(mode == WriteMode.Append ? 11 : 10, rows.Count);
            foreach (var row in rows)
            {
                var id = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
                var record = JsonNode.Parse(Convert.ToString(row[4], CultureInfo.InvariantCulture)!)!;
                if (id <= 5)
                {
                    Assert.Equal(id * 100m, Convert.ToDecimal(row[1], CultureInfo.InvariantCulture));
                    Assert.Null(row[2]);
                    Assert.Null(row[3]);
                    continue;
                }

                Assert.Null(row[1]);
                Assert.Equal(id % 7, Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
                Assert.Equal((id * 100).ToString(CultureInfo.InvariantCulture), record["amount"]!.GetValue<string>());
                var change = Assert.Single(JsonNode.Parse(Convert.ToString(row[3], CultureInfo.InvariantCulture)!)!["changes"]!.AsArray())!;
                Assert.Equal("amount", change["field"]!.GetValue<string>());
                Assert.Equal("NULLED", change["change"]!.GetValue<string>());
                Assert.Equal("DESTINATION_TYPECAST_ERROR", change["reason"]!.GetValue<string>());
            }
        }
    }

    [DestinationFact]
    public async Task A_table_of_the_raw_layout_is_migrated_in_place_with_every_row_kept()
    {
        await ExecuteAsync(RawLayoutTableSql("transactions"));
        var raw = new[]
        {
            Transaction(1, "success", 100),
            Transaction(2, "failed", 200, drift: true),
            Transaction(1, "success", 150), // an appended table may hold an id twice
        };
        foreach (var (record, i) in raw.Select((r, i) => (r, i)))
        {
            await ExecuteAsync(
                $"INSERT INTO transactions (id, created_at, created_at_ts, record, _run_id, _synced_at) VALUES " +
                $"('{record.Id}', '{record.CursorValue}', '{record.CursorValue}', '{record.Json}', 'run-0', '2026-11-30T10:00:0{i}.000Z')");
        }

        var destination = CreateDestination();
        var progress = await destination.ReadProgressAsync(Transactions, Ct);
        Assert.True(progress.TableExists);

        var columns = await ColumnTypesAsync("transactions");
        Assert.DoesNotContain("created_at_ts", columns.Keys);
        Assert.Equal(TypeName("bigint"), columns["id"]);
        Assert.Equal(TypeName("timestamp"), columns["created_at"]);
        Assert.True(await IsIndexedAsync("transactions", "created_at"));
        var rows = await QueryAsync("SELECT id, amount, status, record, _run_id, _meta, risk_score FROM transactions ORDER BY id, amount");
        Assert.Equal(3, rows.Count);
        Assert.Equal([1L, 1L, 2L], rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal([100m, 150m], rows.Take(2).Select(r => Convert.ToDecimal(r[1], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal("run-0", r[4]));
        foreach (var (row, record) in rows.Zip(new[] { raw[0], raw[2], raw[1] }))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(record.Json), JsonNode.Parse(Convert.ToString(row[3], CultureInfo.InvariantCulture)!)));
        }

        // The field no schema declares became a column; the mistyped amount is null, noted and kept raw.
        Assert.Null(rows[2][1]);
        Assert.Equal(2L, Convert.ToInt64(rows[2][6], CultureInfo.InvariantCulture));
        Assert.Contains("\"amount\"", Convert.ToString(rows[2][5], CultureInfo.InvariantCulture));

        // Dedupe after the migration keeps the latest row of each id and upserts on the typed id.
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        await destination.WriteAsync(Transactions, [Transaction(2, "success", 250)], null, Ct);
        var after = await QueryAsync("SELECT id, amount, status FROM transactions ORDER BY id");
        Assert.Equal([(1L, 150m, "success"), (2L, 250m, "success")],
            after.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToDecimal(r[1], CultureInfo.InvariantCulture), (string)r[2]!)));
    }

    [DestinationFact]
    public async Task An_unfinished_overwrite_staged_in_the_raw_layout_resumes_with_its_rows()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-7", Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);
        // The staging table of a run that stopped half-way, written by a version before typed columns.
        await ExecuteAsync(RawLayoutTableSql("transactions__staging"));
        var staged = Transaction(5, "success", 500);
        await ExecuteAsync(
            $"INSERT INTO transactions__staging (id, created_at, created_at_ts, record, _run_id, _synced_at) VALUES " +
            $"('5', '{staged.CursorValue}', '{staged.CursorValue}', '{staged.Json}', 'run-8', '2026-11-30T10:00:00.000Z')");
        await ExecuteAsync("INSERT INTO _paystack_sync_staging (table_name, run_id, started_at) VALUES ('transactions', 'run-8', '2026-11-30T10:00:00.000Z') " +
            "ON CONFLICT (table_name) DO UPDATE SET run_id = excluded.run_id");

        var resumed = CreateDestination();
        var progress = await resumed.ReadProgressAsync(Transactions, Ct);
        Assert.Equal("run-8", progress.StagedRunId);
        Assert.True(progress.StagingExists);
        await resumed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-8", Ct);
        await resumed.WriteAsync(Transactions, [Transaction(6, "success", 600), Transaction(5, "success", 550)], null, Ct);
        await resumed.CompleteStreamAsync(Transactions, null, Ct);

        var rows = await QueryAsync("SELECT id, amount FROM transactions ORDER BY id");
        Assert.Equal([(5L, 550m), (6L, 600m)],
            rows.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToDecimal(r[1], CultureInfo.InvariantCulture))));
    }

    /// <summary>A transactions record as Paystack sends it; drifted, it carries a field no schema knows and its amount as a string.</summary>
    private static PaystackRecord Transaction(long id, string status, long amount, bool drift = false)
    {
        var createdAt = new DateTimeOffset(2024, 3, 16, 9, 5, 2, TimeSpan.Zero).AddMinutes(id * 7);
        var cursor = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["id"] = id,
            ["status"] = status,
            ["reference"] = $"ref-{id}",
            ["amount"] = drift ? JsonValue.Create(amount.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(amount),
            ["currency"] = "NGN",
            ["paid_at"] = cursor,
            ["createdAt"] = cursor,
            ["created_at"] = cursor,
            ["customer"] = new JsonObject { ["id"] = id, ["email"] = $"c{id}@example.com" },
        };
        if (drift)
        {
            json["risk_score"] = id % 7;
            json["device"] = new JsonObject { ["os"] = "android" };
        }

        return new PaystackRecord(id.ToString(CultureInfo.InvariantCulture), createdAt, cursor, json.ToJsonString());
    }

    /// <summary>The documented column naming, written out independently: camelCase to snake_case.</summary>
    private static string SnakeCase(string field) => CamelHump().Replace(field, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();

    /// <summary>The documented type mapping, written out independently of the destinations' own.</summary>
    private static string ExpectedKind(string column, JsonObject schema)
    {
        if (column == "created_at") return "timestamp";
        var kinds = schema["type"] is JsonArray many
            ? many.Select(k => k!.GetValue<string>()).Where(k => k != "null").ToHashSet()
            : schema["type"] is { } one ? [one.GetValue<string>()] : [];
        var money = new[] { "amount", "balance", "fee", "price", "revenue", "deduction", "processed" }.Any(column.Contains);
        if (kinds.Count == 0 || kinds.Contains("object") || kinds.Contains("array")) return "json";
        if (kinds.All(k => k is "integer")) return money ? "money" : "bigint";
        if (kinds.All(k => k is "integer" or "number")) return money ? "money" : "number";
        if (kinds.All(k => k is "boolean")) return "boolean";
        if (kinds.All(k => k is "string")) return schema["format"]?.GetValue<string>() == "date-time" ? "timestamp" : "text";
        return kinds.Contains("string") ? "text" : "json";
    }
}
