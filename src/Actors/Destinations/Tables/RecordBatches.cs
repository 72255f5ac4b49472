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
        value?.UtcDateTime.ToString(SortableUtcFormat, System.Globalization.CultureInfo.InvariantCulture);

    private const string SortableUtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The length of <see cref="SortableUtc"/>'s text: <c>2023-03-16T09:05:02.000Z</c>.</summary>
    public const int SortableUtcLength = 24;

    /// <summary>The length of a UTC DateTime's round-trip ("O") text: <c>2023-03-16T09:05:02.0000000Z</c>.</summary>
    public const int RoundTripLength = 28;

    /// <summary>
    /// <see cref="SortableUtc"/>'s text as UTF-8, for a value of every row. It is the round-trip ("O") form cut after the
    /// milliseconds: "O" has the formatter's fast path, where a custom format is parsed anew each call, and
    /// <c>fff</c> truncates as the cut does.
    /// </summary>
    /// <param name="destination">At least <see cref="RoundTripLength"/> bytes.</param>
    public static int WriteSortableUtc(DateTimeOffset value, Span<byte> destination)
    {
        if (!value.UtcDateTime.TryFormat(destination, out var written, "O", System.Globalization.CultureInfo.InvariantCulture)
            || written != RoundTripLength)
        {
            throw new ArgumentException($"Needs {RoundTripLength} bytes to format a timestamp.", nameof(destination));
        }

        destination[SortableUtcLength - 1] = (byte)'Z';
        return SortableUtcLength;
    }
}
