using Npgsql;
using Paystack.Actors.Destinations;

namespace Paystack.Host.Serve.Accounts;

/// <summary>
/// Which tables a destination spec writes, whatever its spelling: a SQLite file by its full path, a PostgreSQL
/// destination by server, port, database and schema. Two accounts with one identity would write the same tables.
/// </summary>
internal static class DestinationIdentity
{
    public static string Of(DestinationSpec destination)
    {
        if (destination.Kind == DestinationKind.Sqlite) return "sqlite:" + Path.GetFullPath(destination.Target);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(destination.Target);
            return $"postgres:{builder.Host?.ToLowerInvariant()}:{builder.Port}/{builder.Database}/{destination.PostgresSchema() ?? "public"}";
        }
        catch (ArgumentException)
        {
            return "postgres:" + destination.Target;
        }
    }
}
