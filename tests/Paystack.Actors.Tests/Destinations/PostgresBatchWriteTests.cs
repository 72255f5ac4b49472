using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>
/// What the PostgreSQL destination's batch write (binary COPY into a temporary table, then one INSERT ... SELECT)
/// must keep: the last record of an id a batch repeats, exact numbers, columns that appear between batches, and
/// several batches in one transaction (the layout migration). Each test in its own fresh schema on a real server.
/// </summary>
[RequiresPostgres]
public sealed class PostgresBatchWriteTests : IAsyncLifetime
{
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");
    private static CancellationToken Ct => CancellationToken.None;
    private readonly PostgresTestSchema _test = new();
    private readonly List<IDestination> _opened = [];

    public Task InitializeAsync() => _test.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var destination in _opened) await destination.DisposeAsync();
        await _test.DropAsync();
    }

    [DestinationFact]
    public async Task A_batch_holding_an_id_twice_keeps_its_last_record_when_upserting_and_both_when_appending()
    {
        foreach (var mode in new[] { WriteMode.Append, WriteMode.AppendDedup, WriteMode.Overwrite })
        {
            var prefix = mode.ToString().ToLowerInvariant() + "_";
            var destination = Create(prefix);
            await destination.BeginStreamAsync(Transactions, mode, "run-1", Ct);
            await destination.WriteAsync(Transactions, [Record(1, """ "amount":100,"status":"pending" """)], null, Ct);
            await destination.WriteAsync(Transactions,
            [
                Record(1, """ "amount":200,"status":"success","customer":{"id":9} """),
                Record(2, """ "amount":300,"status":"success" """),
                Record(1, """ "amount":250,"status":"reversed","customer":{"id":10} """),
            ], null, Ct);
            await destination.CompleteStreamAsync(Transactions, null, Ct);

            var rows = await QueryAsync(
                $"SELECT id, amount, status, customer ->> 'id', record ->> 'status' FROM {prefix}transactions ORDER BY id, _synced_at, amount");
            var seen = rows.Select(r => $"{r[0]}:{r[1]}:{r[2]}:{r[3]}:{r[4]}").ToList();
            if (mode == WriteMode.Append)
            {
                Assert.Equal(["1:100:pending::pending", "1:200:success:9:success", "1:250:reversed:10:reversed", "2:300:success::success"], seen);
            }
            else
            {
                Assert.Equal(["1:250:reversed:10:reversed", "2:300:success::success"], seen);
            }
        }
    }

    [DestinationFact]
    public async Task Numbers_land_exact_beyond_2_to_the_53_and_beyond_64_bits()
    {
        var destination = Create();
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        // amount is a money column (numeric): a 64-bit value past 2^53, then one past 64 bits (a decimal).
        // fx_rate is new, a number with a fraction: its column is numeric and takes each value as its text spells it.
        await destination.WriteAsync(Transactions,
        [
            Record(1, """ "amount":9007199254740993,"fx_rate":0.1 """),
            Record(2, """ "amount":123456789012345678901234,"fx_rate":1.5e300 """),
            Record(3, """ "amount":-5,"fx_rate":7 """),
        ], null, Ct);

        var rows = await QueryAsync("SELECT amount::text, fx_rate::text, pg_typeof(fx_rate)::text FROM transactions ORDER BY id");
        Assert.Equal(["9007199254740993", "123456789012345678901234", "-5"], rows.Select(r => (string)r[0]!));
        Assert.Equal("0.1", rows[0][1]);
        Assert.Equal("15" + new string('0', 299), rows[1][1]);
        Assert.Equal("7", rows[2][1]);
        Assert.All(rows, r => Assert.Equal("numeric", r[2]));
    }

    [DestinationFact]
    public async Task Columns_that_appear_between_batches_are_filled_from_then_on_in_every_mode()
    {
        foreach (var mode in new[] { WriteMode.Append, WriteMode.AppendDedup, WriteMode.Overwrite })
        {
            var prefix = mode.ToString().ToLowerInvariant() + "_";
            var destination = Create(prefix);
            await destination.BeginStreamAsync(Transactions, mode, "run-1", Ct);
            await destination.WriteAsync(Transactions, [Record(1, """ "amount":100 """)], null, Ct);
            // A new text, whole-number, boolean and object field in the second batch, written by the record that brought them.
            await destination.WriteAsync(Transactions,
                [Record(2, """ "amount":200 """), Record(3, """ "amount":300,"channel_note":"Adé ✓","tries":3,"is_test":true,"device":{"os":"ios"} """)],
                null, Ct);
            await destination.WriteAsync(Transactions, [Record(4, """ "tries":4,"device":{"os":"android"} """)], null, Ct);
            await destination.CompleteStreamAsync(Transactions, null, Ct);

            var rows = await QueryAsync(
                $"SELECT id, channel_note, tries, is_test, device ->> 'os' FROM {prefix}transactions ORDER BY id");
            Assert.Equal(["1::::", "2::::", "3:Adé ✓:3:True:ios", "4::4::android"], rows.Select(r => string.Join(":", r)));
        }
    }

    [DestinationFact]
    public async Task A_raw_layout_table_larger_than_one_migration_chunk_keeps_every_row()
    {
        const int count = 4_500; // three chunks of the migration's 2,000, each a batch write in the one transaction
        await _test.ExecuteAsync(
            $"CREATE TABLE \"{_test.Name}\".transactions (id text NOT NULL, created_at text, created_at_ts timestamptz, record jsonb NOT NULL, " +
            "_run_id text NOT NULL, _synced_at timestamptz NOT NULL)");
        await _test.ExecuteAsync(
            $"INSERT INTO \"{_test.Name}\".transactions SELECT i::text, '2024-03-16T09:00:00.000Z', '2024-03-16T09:00:00Z', " +
            "jsonb_build_object('id', i, 'amount', i * 10, 'status', 'success', 'customer', jsonb_build_object('id', i)), 'run-0', now() " +
            $"FROM generate_series(1, {count}) AS i");

        var destination = Create();
        Assert.True((await destination.ReadProgressAsync(Transactions, Ct)).TableExists);

        var totals = Assert.Single(await QueryAsync(
            "SELECT count(*), count(DISTINCT id), sum(amount), sum((customer ->> 'id')::bigint), count(*) FILTER (WHERE _run_id = 'run-0') FROM transactions"));
        var sum = count * (count + 1L) / 2;
        Assert.Equal(new decimal[] { count, count, sum * 10, sum, count }, totals.Select(v => Convert.ToDecimal(v, CultureInfo.InvariantCulture)));
    }

    [DestinationFact]
    public async Task Streams_writing_at_once_share_at_most_the_pool_s_connections()
    {
        var application = "pool-" + Guid.NewGuid().ToString("N")[..8];
        var destination = Create(connectionString: new NpgsqlConnectionStringBuilder(_test.ConnectionString) { ApplicationName = application }.ConnectionString);
        var streams = StreamCatalog.All.Where(s => s.ReadAtField is null && s.Parent is null).Take(2 * PostgresPool.DestinationConnections).ToList();
        var batch = Enumerable.Range(1, 500).Select(id => Record(id, """ "amount":100,"status":"success" """)).ToList();

        foreach (var stream in streams) await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, "run-1", Ct);
        await Task.WhenAll(streams.Select(stream => Task.Run(() => destination.WriteAsync(stream, batch, null, Ct))));

        // The pool keeps what it opened (idle connections live for minutes), so the server still counts them.
        var opened = Convert.ToInt32((await QueryAsync($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'"))[0][0], CultureInfo.InvariantCulture);
        Assert.InRange(opened, 2, PostgresPool.DestinationConnections);
        foreach (var stream in streams)
            Assert.Equal(500L, (await QueryAsync($"SELECT count(*) FROM {stream.Name}"))[0][0]);
    }

    private PostgresDestination Create(string prefix = "", string? connectionString = null)
    {
        var destination = new PostgresDestination(new PostgresDestinationOptions(connectionString ?? _test.ConnectionString) { Schema = _test.Name, TablePrefix = prefix });
        _opened.Add(destination);
        return destination;
    }

    /// <summary>A transactions record with the given fields beside its id and creation time.</summary>
    private static PaystackRecord Record(long id, string fields)
    {
        var createdAt = new DateTimeOffset(2024, 3, 16, 9, 0, 0, TimeSpan.Zero).AddMinutes(id);
        var cursor = createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = $$"""{"id":{{id}},"createdAt":"{{cursor}}",{{fields.Trim()}}}""";
        Assert.NotNull(JsonNode.Parse(json));
        return new PaystackRecord(id.ToString(CultureInfo.InvariantCulture), createdAt, cursor, json);
    }

    private async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_test.ConnectionString) { Pooling = false, SearchPath = _test.Name }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
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
}
