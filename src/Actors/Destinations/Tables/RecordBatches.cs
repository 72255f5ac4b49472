using Paystack.Actors.Paystack;

namespace Paystack.Actors.Destinations.Tables;

/// <summary>Batch shaping shared by the destinations.</summary>
internal static class RecordBatches
{
    /// <summary>
    /// One record per id, the last occurrence winning, so a batch that repeats an id can be upserted in one statement.
    /// Returns the input itself when it holds no repeated id.
    /// </summary>
    public static IReadOnlyList<PaystackRecord> LastPerId(IReadOnlyList<PaystackRecord> records)
    {
        var lastIndex = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            lastIndex[records[i].Id] = i;
        }

        if (lastIndex.Count == records.Count)
        {
            return records;
        }

        var result = new List<PaystackRecord>(lastIndex.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (lastIndex[records[i].Id] == i)
            {
                result.Add(records[i]);
            }
        }

        return result;
    }

    /// <summary>The sortable UTC text form used where a database has no timestamp type (SQLite).</summary>
    public static string? SortableUtc(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
