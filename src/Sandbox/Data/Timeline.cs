namespace Paystack.Sandbox.Data;

/// <summary>
/// The creation times of a resource's generated records, computed procedurally: record i (0 = oldest) gets its time
/// from cumulative per-day counts and a within-day curve, so memory grows with the number of days, never with the
/// number of records. Times never decrease with i. Days differ (quiet days, bursts, a weekly rhythm, growth over
/// time) and records come in small batches that share one second, as real payment traffic does.
/// </summary>
internal sealed class Timeline
{
    // Relative traffic per hour of day (UTC): quiet nights, busy business hours.
    private static readonly double[] HourlyProfile =
        [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7, 7.5, 7, 6.5, 6, 6, 5.5, 5, 4.5, 3.5, 2.5, 2, 1.5];

    private static readonly double[] HourlyCumulative = BuildHourlyCumulative();

    private readonly long[] _cumulative; // _cumulative[d] = records created before day d; length days + 1
    private readonly byte[] _batchSize;   // records per shared second, per day
    private readonly float[] _phase;      // where in its slot each day's batches fall, so sparse days are not all at midnight
    private readonly long _spanSeconds;

    public Timeline(int seed, string path, long count, DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        Count = count;
        _spanSeconds = Math.Max(1, (long)(end - start).TotalSeconds);
        var days = (int)((_spanSeconds + 86_399) / 86_400);
        var weights = new double[days];
        _batchSize = new byte[days];
        _phase = new float[days];
        var total = 0.0;
        for (var d = 0; d < days; d++)
        {
            var random = RecordRandom.For(seed, path, d, purpose: 0x7131);
            var weight = 0.5 + random.NextDouble();                       // day-to-day noise
            weight *= 1.0 + d / (double)days;                              // the business grows
            if (start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) weight *= 0.55;
            if (random.Chance(0.07)) weight = 0;                           // quiet day: nothing at all
            else if (random.Chance(0.05)) weight *= 6 + random.Next(6);    // burst: a sale, a campaign
            weight *= DaySeconds(d) / 86_400.0;                            // a partial last day gets less
            weights[d] = weight;
            total += weight;
            _batchSize[d] = (byte)(random.Chance(0.3) ? 2 + random.Next(6) : 1);
            _phase[d] = (float)random.NextDouble();
        }
        if (total <= 0)
        {
            Array.Fill(weights, 1.0);
            total = days;
        }

        _cumulative = new long[days + 1];
        var running = 0.0;
        for (var d = 0; d < days; d++)
        {
            running += weights[d];
            _cumulative[d + 1] = Math.Min(count, (long)Math.Floor(count * (running / total)));
        }
        _cumulative[days] = count;
    }

    public DateTimeOffset Start { get; }

    public long Count { get; }

    /// <summary>Creation time of record <paramref name="index"/>, whole seconds after <see cref="Start"/>.</summary>
    public DateTimeOffset TimeOf(long index) => Start.AddTicks(TicksOf(index));

    /// <summary>Ticks after <see cref="Start"/> of record <paramref name="index"/>'s creation time.</summary>
    public long TicksOf(long index)
    {
        var day = DayOf(index);
        var inDay = _cumulative[day + 1] - _cumulative[day];
        var position = index - _cumulative[day];
        var batch = _batchSize[day];
        var u = Math.Min(0.999999, (position / batch * batch + _phase[day] * batch) / inDay);
        var daySeconds = DaySeconds(day);
        var second = Math.Min(daySeconds - 1, (long)(daySeconds * Warp(u)));
        return (day * 86_400L + second) * TimeSpan.TicksPerSecond;
    }

    /// <summary>The first index whose time is at or after (or, with <paramref name="strictlyAfter"/>, after) the given time.</summary>
    public long FirstIndexFrom(DateTimeOffset time, bool strictlyAfter)
    {
        var ticks = (time - Start).Ticks;
        long lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            var t = TicksOf(mid);
            if (t > ticks || (!strictlyAfter && t == ticks)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /// <summary>Number of days the timeline spans; memory is proportional to this.</summary>
    public int Days => _batchSize.Length;

    /// <summary>First record index of day <paramref name="day"/> (day = Days gives Count).</summary>
    public long FirstIndexOfDay(int day) => _cumulative[day];

    public int DayOf(long index)
    {
        // Largest d with _cumulative[d] <= index, skipping empty days.
        int lo = 0, hi = _cumulative.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_cumulative[mid] <= index) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private long DaySeconds(int day) => Math.Min(86_400L, _spanSeconds - day * 86_400L);

    // Inverse of the hourly distribution: maps a uniform position in the day to a time of day, keeping order.
    private static double Warp(double u)
    {
        var hour = Array.BinarySearch(HourlyCumulative, u);
        if (hour < 0) hour = ~hour - 1;
        hour = Math.Clamp(hour, 0, 23);
        var width = HourlyCumulative[hour + 1] - HourlyCumulative[hour];
        var fraction = width > 0 ? (u - HourlyCumulative[hour]) / width : 0;
        return (hour + Math.Clamp(fraction, 0, 1)) / 24.0;
    }

    private static double[] BuildHourlyCumulative()
    {
        var sum = HourlyProfile.Sum();
        var cumulative = new double[25];
        for (var h = 0; h < 24; h++) cumulative[h + 1] = cumulative[h] + HourlyProfile[h] / sum;
        cumulative[24] = 1.0;
        return cumulative;
    }
}
