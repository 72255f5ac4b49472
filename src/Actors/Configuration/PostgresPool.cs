using System.Data.Common;
using Npgsql;

namespace Paystack.Actors.Configuration;

/// <summary>
/// How many connections one pool of this process opens to a PostgreSQL server, unless the connection string names its
/// own <c>Maximum Pool Size</c>. Npgsql's default, 100 a pool, lets every busy stream of every account open one of its
/// own, and a server's <c>max_connections</c> (100 by default) is soon spent: runs fail with 53300 "too many clients".
/// Past the cap an operation waits for a free connection instead.
/// </summary>
public static class PostgresPool
{
    /// <summary>The journal, snapshots and (in a cluster) sharding state of one process.</summary>
    public const int JournalConnections = 16;

    /// <summary>One PostgreSQL destination: its streams' writes share these (its lease holds one more, outside the pool).</summary>
    public const int DestinationConnections = 4;

    /// <summary>How Npgsql lets a connection string name the pool's size ("Maximum Pool Size", "Max Pool Size"), spaces removed.</summary>
    private static readonly HashSet<string> PoolSizeKeywords = new(["MaximumPoolSize", "MaxPoolSize"], StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="connectionString"/> with <c>Maximum Pool Size</c> set to <paramref name="connections"/> when it sets none.</summary>
    public static string Capped(string connectionString, int connections)
    {
        // Npgsql's builder answers for every keyword it knows, set or not; the plain one holds only what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => PoolSizeKeywords.Contains(k.Replace(" ", "", StringComparison.Ordinal))))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections }.ConnectionString;
    }
}
