using Cronos;
using Paystack.Actors.Configuration;

namespace Paystack.Host.Serve;

/// <summary>When scheduled runs are due: a fixed interval (<c>--every 15m</c>) or a cron expression (<c>--cron "*/15 * * * *"</c>, UTC).</summary>
internal sealed class RunSchedule
{
    private readonly TimeSpan? _interval;
    private readonly CronExpression? _cron;

    private RunSchedule(TimeSpan? interval, CronExpression? cron, string description)
    {
        _interval = interval;
        _cron = cron;
        Description = description;
    }

    /// <summary>For people: "every 15m" or "cron '*/15 * * * *' (UTC)".</summary>
    public string Description { get; }

    /// <summary>The first due time strictly after <paramref name="after"/>; null when a cron expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        _interval is { } interval ? after + interval : _cron!.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>
    /// The time between the next two due runs after <paramref name="now"/>: what a stream's age is measured in by the
    /// staleness alert. Null when a cron expression has fewer than two runs left.
    /// </summary>
    public TimeSpan? Gap(DateTimeOffset now) =>
        Next(now) is { } next && Next(next) is { } after ? after - next : null;

    /// <param name="everyName">How the interval is named in messages: the option, or a field of the accounts file.</param>
    /// <exception cref="ArgumentException">Neither or both given, or the value is not valid; the message says which.</exception>
    public static RunSchedule Parse(string? every, string? cron, string everyName = "--every", string cronName = "--cron")
    {
        var hasEvery = !string.IsNullOrWhiteSpace(every);
        var hasCron = !string.IsNullOrWhiteSpace(cron);
        if (hasEvery == hasCron)
            throw new ArgumentException($"Give exactly one schedule: {everyName} DURATION (e.g. 15m, 1h) or {cronName} \"EXPRESSION\" (e.g. \"*/15 * * * *\").");

        if (hasEvery)
        {
            if (!HoconDuration.TryParse(every, out var interval) || interval < TimeSpan.FromSeconds(1))
                throw new ArgumentException($"{everyName} '{every}' is not a duration of at least 1s (write a number and a unit: 30s, 15m, 1h, 1d).");
            return new RunSchedule(interval, null, $"every {HoconDuration.Format(interval)}");
        }

        var text = cron!.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var expression = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return new RunSchedule(null, expression, $"cron '{text}' (UTC)");
        }
        catch (CronFormatException invalid)
        {
            throw new ArgumentException(
                $"{cronName} '{text}' is not a valid cron expression ({invalid.Message}). Use 5 fields (minute hour day month weekday) or 6 with seconds first.");
        }
    }
}
