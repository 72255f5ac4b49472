using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paystack.Host.Admin;

/// <summary>A trivial query against a database, so a vanished file or a down server shows before a run fails.</summary>
internal static class DatabaseProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <param name="what">Named in the answer, e.g. "the journal (sqlite)".</param>
    /// <returns>Null when the database answered; otherwise what went wrong.</returns>
    public static async Task<string?> CheckAsync(string what, bool postgres, string connectionString, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using System.Data.Common.DbConnection connection = postgres
                ? new NpgsqlConnection(connectionString)
                : new SqliteConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return $"{what} does not answer: {failure.Message}";
        }
    }
}
