using System.Text;
using Paystack.Actors.Destinations.Tables;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The UTF-8 timestamp text SQLite rows get is exactly <see cref="RecordBatches.SortableUtc"/>'s.</summary>
public sealed class SortableUtcTests
{
    public static TheoryData<DateTimeOffset> Edges() =>
    [
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue, // .9999999: milliseconds truncate to 999, never round up
        new DateTimeOffset(2023, 3, 16, 9, 5, 2, TimeSpan.Zero),
        new DateTimeOffset(2023, 3, 16, 9, 5, 2, 999, TimeSpan.Zero).AddTicks(9_999),
        new DateTimeOffset(2024, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)), // the day before in UTC
        new DateTimeOffset(0999, 12, 31, 23, 59, 59, TimeSpan.FromHours(-14)), // a three-digit year, into the next in UTC
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_values_format_as_the_sortable_text(DateTimeOffset value) => AssertSame(value);

    [Fact]
    public void Any_instant_in_any_offset_formats_as_the_sortable_text()
    {
        var random = new Random(13);
        for (var i = 0; i < 20_000; i++)
        {
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var ticks = random.NextInt64(DateTimeOffset.MinValue.UtcTicks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay);
            AssertSame(new DateTimeOffset(ticks + offset.Ticks, offset));
        }
    }

    private static void AssertSame(DateTimeOffset value)
    {
        var buffer = new byte[RecordBatches.RoundTripLength];
        var length = RecordBatches.WriteSortableUtc(value, buffer);
        Assert.Equal(RecordBatches.SortableUtc(value), Encoding.UTF8.GetString(buffer, 0, length));
    }
}
