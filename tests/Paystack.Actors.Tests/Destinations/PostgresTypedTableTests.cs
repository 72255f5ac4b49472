using System.Data.Common;
using Npgsql;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Postgres;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The typed tables on a real PostgreSQL server, each test in its own fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgresTypedTableTests : TypedTableContractTests
{
    private readonly PostgresTestSchema _test = new();

    public override Task InitializeAsync() => _test.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _test.DropAsync();
    }

    protected override IDestination CreateDestinationCore(string prefix) =>
        new PostgresDestination(new PostgresDestinationOptions(_test.ConnectionString) { Schema = _test.Name, TablePrefix = prefix });

    protected override string TypeName(string kind) => kind switch
    {
        "bigint" => "bigint",
        "money" or "number" => "numeric",
        "boolean" => "boolean",
        "timestamp" => "timestamp with time zone",
        "text" => "text",
        "json" => "jsonb",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    protected override string RawLayoutTableSql(string table) =>
        $"CREATE TABLE {table} (id text NOT NULL, created_at text, created_at_ts timestamptz, record jsonb NOT NULL, _run_id text NOT NULL, _synced_at timestamptz NOT NULL)";

    protected override async Task<IReadOnlyDictionary<string, string>> ColumnTypesAsync(string table) =>
        (await QueryAsync(
            $"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"))
        .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    protected override async Task<bool> IsIndexedAsync(string table, string column) =>
        (bool)(await QueryAsync(
            "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
            $"WHERE i.indrelid = to_regclass('{table}') AND a.attname = '{column}')"))[0][0]!;

    protected override async Task<bool> HasUniqueIdAsync(string table) =>
        (bool)(await QueryAsync(
            "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] " +
            $"WHERE i.indrelid = to_regclass('{table}') AND i.indisunique AND i.indnkeyatts = 1 AND a.attname = 'id')"))[0][0]!;

    /// <summary>A plain connection of its own whose unqualified names resolve in the test's schema.</summary>
    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_test.ConnectionString) { Pooling = false, SearchPath = _test.Name }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
