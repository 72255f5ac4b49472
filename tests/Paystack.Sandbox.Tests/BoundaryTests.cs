namespace Paystack.Sandbox.Tests;

public class BoundaryTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Records_exactly_on_from_and_to_follow_the_switches(bool fromInclusive, bool toInclusive)
    {
        var options = new SandboxOptions
        {
            Records = { ["customer"] = 300 },
            FromInclusive = fromInclusive,
            ToInclusive = toInclusive,
            // Dense data so boundary seconds hold several records each.
            DataStart = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
            DataEnd = new DateTimeOffset(2024, 5, 1, 0, 1, 0, TimeSpan.Zero),
        };
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new SandboxClient(server);
        var store = server.Store;
        var all = store.Ids("customer");
        var to = store.CreatedAt("customer", all[40]);
        var from = store.CreatedAt("customer", all[200]);
        var second = TimeSpan.FromSeconds(1);
        var onFrom = store.Ids("customer", from, from + second);
        var onTo = store.Ids("customer", to, to + second);
        Assert.NotEmpty(onFrom);
        Assert.NotEmpty(onTo);

        var expected = store.Ids("customer", from + second, to).ToList();
        if (toInclusive) expected.InsertRange(0, onTo);
        if (fromInclusive) expected.AddRange(onFrom);

        var body = await client.GetOkAsync($"customer?perPage=100&from={from.Iso()}&to={to.Iso()}");
        var served = new List<string>(body.Ids());
        for (var page = 2; page <= body.Meta()["pageCount"].Long(); page++)
            served.AddRange((await client.GetOkAsync($"customer?perPage=100&page={page}&from={from.Iso()}&to={to.Iso()}")).Ids());

        Assert.Equal(expected, served);
        Assert.Equal(expected.Count, body.Meta()["total"].Long());
    }

    [Fact]
    public async Task Plain_dates_mean_midnight_utc()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transfer"] = 3000 } });
        using var client = new SandboxClient(server);

        var body = await client.GetOkAsync("transfer?from=2023-06-01&to=2023-07-01");

        var from = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(server.Store.Count("transfer", from, to), body.Meta()["total"].Long());
        Assert.All(body.Data(), r => Assert.InRange(r!["createdAt"].Time(), from, to.AddTicks(-1)));
    }
}
