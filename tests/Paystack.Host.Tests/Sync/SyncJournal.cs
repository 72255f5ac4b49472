using Microsoft.Data.Sqlite;

namespace Paystack.Host.Tests.Sync;

/// <summary>Reads a SQLite journal (<c>--journal sqlite:PATH</c>) once no sync has it open.</summary>
public static class SyncJournal
{
    /// <summary>The distinct journal keys (persistence ids), or those holding an event of <paramref name="manifest"/>.</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(string path, string? manifest = null)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = manifest is null
            ? "SELECT DISTINCT persistence_id FROM journal"
            : "SELECT DISTINCT persistence_id FROM journal WHERE manifest = $manifest";
        command.Parameters.AddWithValue("$manifest", (object?)manifest ?? DBNull.Value);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
