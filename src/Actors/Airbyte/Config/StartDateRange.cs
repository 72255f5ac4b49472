namespace Paystack.Actors.Airbyte.Config;

/// <summary>The start_date values a sync can mean: from when Paystack existed up to now.</summary>
public static class StartDateRange
{
    /// <summary>
    /// Paystack was founded in 2015 and took its first payments in 2016, so no account holds a record created before
    /// 2015: an earlier start_date is a slip (0001-01-01, 1970-01-01), and the oldest ones overflow a run's window arithmetic.
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What is wrong with <paramref name="startDate"/>, or null when it is in range.</summary>
    public static string? Problem(DateTimeOffset startDate, DateTimeOffset now)
    {
        if (startDate < Earliest)
            return $"{SourceConfig.StartDateField} {Format(startDate)} is before Paystack existed: no account holds records from before " +
                   $"{Format(Earliest)} (write {Format(Earliest)} to read everything)";
        // A future start would read nothing, run after run, without a word.
        if (startDate > now)
            return $"{SourceConfig.StartDateField} {Format(startDate)} is in the future (it is now {Format(now)}), so nothing would be read";
        return null;
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
