using System.Data.Common;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Sqlite;
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
