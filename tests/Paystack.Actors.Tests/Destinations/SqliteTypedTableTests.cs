using System.Data.Common;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The typed tables in a real SQLite file.</summary>
public sealed class SqliteTypedTableTests : TypedTableContractTests
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => _folder.File("sync.db");

    protected override IDestination CreateDestinationCore(string prefix) =>
        new SqliteDestination(new SqliteDestinationOptions(DatabasePath) { TablePrefix = prefix });

    protected override string TypeName(string kind) => kind switch
    {
        "bigint" => "INTEGER",
        "money" => "NUMERIC",
        "number" => "REAL",
        "boolean" => "BOOLEAN",
        "timestamp" => "TIMESTAMP",
        "text" => "TEXT",
        "json" => "JSON",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    protected override string RawLayoutTableSql(string table) =>
        $"CREATE TABLE {table} (id TEXT NOT NULL, created_at TEXT, created_at_ts TEXT, record TEXT NOT NULL, _run_id TEXT NOT NULL, _synced_at TEXT NOT NULL)";

    protected override async Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(string table) =>
        (await QueryAsync($"SELECT name, type FROM pragma_table_info('{table}')")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    protected override async Task<bool> IsIndexedAsync(string table, string column) =>
        (long)(await QueryAsync(
            $"SELECT count(*) FROM pragma_index_list('{table}') AS il, pragma_index_info(il.name) AS ii WHERE ii.seqno = 0 AND ii.name = '{column}'"))[0][0]! > 0;

    protected override async Task<bool> HasUniqueIdAsync(string table) =>
        (long)(await QueryAsync(
            $"SELECT count(*) FROM pragma_index_list('{table}') AS il WHERE il.\"unique\" = 1 " +
            "AND (SELECT group_concat(ii.name) FROM pragma_index_info(il.name) AS ii) = 'id'"))[0][0]! > 0;

    [Fact]
    public async Task A_timestamp_is_stored_as_sortable_utc_text_with_milliseconds()
    {
        const string body = """
            {"status":true,"data":[{"id":41,"amount":500,"createdAt":"2024-03-16T10:05:02.1234+01:00","paidAt":"2024-12-31T23:59:59Z"}]}
            """;
        var transactions = StreamCatalog.Get("transactions");
        var (records, _) = PaystackPageParser.Parse(System.Text.Encoding.UTF8.GetBytes(body), transactions);
        await using (var destination = CreateDestinationCore(""))
        {
            await destination.BeginStreamAsync(transactions, WriteMode.Append, "run-1", CancellationToken.None);
            await destination.WriteAsync(transactions, records, null, CancellationToken.None);
        }

        var row = Assert.Single(await QueryAsync("SELECT created_at, paid_at, typeof(created_at) FROM transactions"));
        Assert.Equal(["2024-03-16T09:05:02.123Z", "2024-12-31T23:59:59.000Z", "text"], row.Select(v => (string)v!));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
