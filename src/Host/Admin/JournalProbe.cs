using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Admin;

/// <summary>Readiness: a trivial query against the journal's database, so a vanished file or a down server shows before a run fails.</summary>
internal static class JournalProbe
{
    /// <returns>Null when the journal answered; otherwise what went wrong.</returns>
    public static async Task<string?> CheckAsync(PersistenceSettings persistence, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using System.Data.Common.DbConnection connection = persistence.Provider == "postgresql"
                ? new NpgsqlConnection(persistence.ConnectionString)
                : new SqliteConnection(persistence.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return $"the journal ({persistence.Provider}) does not answer: {failure.Message}";
        }
    }
}
