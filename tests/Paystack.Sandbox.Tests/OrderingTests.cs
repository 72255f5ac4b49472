namespace Paystack.Sandbox.Tests;

public class OrderingTests
{
    [Fact]
    public async Task Pages_walk_every_record_newest_first_with_ties_broken_by_id()
    {
        var options = new SandboxOptions
        {
            Records = { ["transaction"] = 400 },
            // A short range packs records into few seconds, so many share a creation time.
            DataStart = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero),
            DataEnd = new DateTimeOffset(2024, 3, 1, 0, 2, 0, TimeSpan.Zero),
        };
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxClient(server);

        var served = new List<(DateTimeOffset At, long Id)>();
        for (var page = 1; ; page++)
        {
            var body = await client.GetOkAsync($"transaction?perPage=60&page={page}");
            if (body.Data().Count == 0) break;
            served.AddRange(body.Data().Select(r => (r!["createdAt"].Time(), r["id"].Long())));
        }

        Assert.Equal(400, served.Count);
        Assert.Equal(400, served.Select(s => s.Id).Distinct().Count());
        var expected = served.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).ToList();
        Assert.Equal(expected, served);
        Assert.True(served.GroupBy(s => s.At).Any(g => g.Count() > 1), "expected records sharing one second");
        Assert.Equal(server.Store.Ids("transaction"), served.Select(s => s.Id.ToString()).ToList());
    }

    [Fact]
    public async Task Generated_days_are_uneven_with_quiet_days_and_bursts()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transaction"] = 20_000 } });
        var perDay = new List<long>();
        for (var day = server.Options.DataStart; day < server.Options.DataEnd; day = day.AddDays(1))
            perDay.Add(server.Store.Count("transaction", day, day.AddDays(1)));

        Assert.Equal(20_000, perDay.Sum());
        Assert.Contains(0, perDay);
        var average = perDay.Average();
        Assert.True(perDay.Max() > 4 * average, $"busiest day {perDay.Max()} vs average {average:F1}");
    }
}
