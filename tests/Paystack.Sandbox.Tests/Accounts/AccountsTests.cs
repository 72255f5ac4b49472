namespace Paystack.Sandbox.Tests.Accounts;

/// <summary>A sandbox serving many accounts at once: each key its own data set, rate limit and request log.</summary>
public class AccountsTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string First = SandboxOptions.GeneratedAccountKey(1);
    private static readonly string Second = SandboxOptions.GeneratedAccountKey(2);

    private static SandboxOptions TwoAccounts() => new()
    {
        RecordsPerStream = 40, GeneratedAccounts = 2, TestRateLimit = 5, RateLimitWindow = TimeSpan.FromSeconds(2),
    };

    private static Task<SandboxServer> StartAsync(SandboxOptions options, ManualClock clock) =>
        SandboxServer.StartAsync(options, 0, clock, CancellationToken.None);

    [Fact]
    public async Task Each_key_is_served_its_own_data_set_as_its_store_holds_it()
    {
        var options = TwoAccounts();
        options.TestRateLimit = 100;
        await using var server = await StartAsync(options, new ManualClock(Start));

        var served = new Dictionary<string, List<string>>();
        foreach (var account in server.Accounts.Where(a => a.Domain == "test"))
        {
            using var client = new SandboxClient(server, account.Key);
            var body = await client.GetOkAsync("transaction?perPage=100");
            Assert.Equal(account.Store.Count("transaction"), body.Meta()["total"].Long());
            Assert.Equal(account.Store.Ids("transaction"), body.Ids());
            served[account.Key] = body.Ids();
        }

        Assert.Equal(3, served.Count);
        Assert.Equal(40, served[options.TestKey].Count);
        // Sizes differ by account (scaled from each account's seed), and so do the records.
        Assert.NotEqual(served[First].Count, served[Second].Count);
        Assert.Empty(served[First].Intersect(served[Second]));
        Assert.Empty(served[First].Intersect(served[options.TestKey]));
    }

    [Fact]
    public async Task Generated_accounts_are_the_same_on_every_start()
    {
        await using var one = await StartAsync(TwoAccounts(), new ManualClock(Start));
        await using var two = await StartAsync(TwoAccounts(), new ManualClock(Start));

        Assert.Equal(new[] { "sk_test_sandbox", "sk_live_sandbox", "sk_test_account01", "sk_test_account02" },
            one.Accounts.Select(a => a.Key).ToArray());
        foreach (var key in new[] { First, Second })
            Assert.Equal(one.Account(key).Store.Ids("customer"), two.Account(key).Store.Ids("customer"));
    }

    [Fact]
    public async Task Rate_limits_are_counted_per_key()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(TwoAccounts(), clock);
        using var first = new SandboxClient(server, First);
        using var second = new SandboxClient(server, Second);
        using var own = new SandboxClient(server, server.Options.TestKey);

        for (var i = 0; i < 5; i++) Assert.Equal(200, (int)(await first.GetAsync("customer")).Status);
        Assert.Equal(429, (int)(await first.GetAsync("customer")).Status);

        var secondReply = await second.GetAsync("customer");
        Assert.Equal(200, (int)secondReply.Status);
        Assert.Equal("4", secondReply.Header("X-RateLimit-Remaining"));
        Assert.Equal(200, (int)(await own.GetAsync("customer")).Status);
        Assert.Equal(new[] { 200, 200, 200, 200, 200, 429 }, server.Account(First).Requests.Entries.Select(e => e.StatusCode));

        clock.Advance(TimeSpan.FromSeconds(2)); // the first key's window rolls on its own
        Assert.Equal(200, (int)(await first.GetAsync("customer")).Status);
    }

    [Fact]
    public async Task An_account_can_have_a_limit_and_a_domain_of_its_own()
    {
        var options = TwoAccounts();
        options.Accounts.Add(new SandboxAccountOptions { Key = "sk_live_merchant", Seed = 7, RateLimit = 2 });
        await using var server = await StartAsync(options, new ManualClock(Start));
        using var client = new SandboxClient(server, "sk_live_merchant");

        var body = await client.GetAsync("settlement");
        Assert.Equal("2", body.Header("X-RateLimit-Limit"));
        Assert.All(body.Json.Data(), r => Assert.Equal("live", r!["domain"]!.GetValue<string>()));
        await client.GetAsync("settlement");
        Assert.Equal(429, (int)(await client.GetAsync("settlement")).Status);
        Assert.Equal("sk_test_account01", server.Accounts[3].Key); // listed accounts come before generated ones
    }

    [Fact]
    public async Task Each_key_has_its_own_request_log_and_the_server_log_holds_all()
    {
        await using var server = await StartAsync(TwoAccounts(), new ManualClock(Start));
        using var first = new SandboxClient(server, First);
        using var second = new SandboxClient(server, Second);
        using var stranger = new SandboxClient(server, "sk_test_account03");

        for (var i = 0; i < 3; i++) await first.GetAsync("transaction");
        for (var i = 0; i < 2; i++) await second.GetAsync("customer");
        await stranger.GetAsync("refund");

        Assert.Equal(3, server.Account(First).Requests.Count("transaction"));
        Assert.Equal(0, server.Account(First).Requests.Count("customer"));
        Assert.Equal(2, server.Account(Second).Requests.Count("customer"));
        Assert.Equal(2, server.Account(Second).Requests.Entries.Count);
        Assert.Empty(server.Account(server.Options.TestKey).Requests.Entries);
        Assert.Equal(6, server.Requests.Entries.Count);
        Assert.Equal(1, server.Requests.Count("refund", 401));
    }

    [Fact]
    public async Task An_unknown_key_gets_paystacks_401()
    {
        await using var server = await StartAsync(TwoAccounts(), new ManualClock(Start));
        using var client = new SandboxClient(server, SandboxOptions.GeneratedAccountKey(3));

        var reply = await client.GetAsync("customer");

        Assert.Equal(401, (int)reply.Status);
        Assert.Equal("""{"status":false,"message":"Invalid key"}""", reply.Text);
        Assert.Throws<KeyNotFoundException>(() => server.Account(SandboxOptions.GeneratedAccountKey(3)));
    }

    [Fact]
    public async Task A_keys_budget_check_finds_the_window_it_overran()
    {
        var clock = new ManualClock(Start);
        await using var server = await StartAsync(TwoAccounts(), clock);
        using var first = new SandboxClient(server, First);
        using var second = new SandboxClient(server, Second);

        // The first key keeps to 5 per 2 s; the second sends 7 within one window (two answered 429).
        for (var i = 0; i < 10; i++)
        {
            await first.GetAsync("customer");
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }
        for (var i = 0; i < 7; i++) await second.GetAsync("customer");

        var kept = server.Account(First).CheckBudget();
        var overran = server.Account(Second).CheckBudget();
        Assert.False(kept.Exceeded, kept.ToString());
        Assert.Equal(5, kept.Busiest);
        Assert.True(overran.Exceeded);
        Assert.Equal(7, overran.Busiest);
        Assert.Equal(2, server.Account(Second).Requests.Count(status: 429));
    }

    [Fact]
    public void Account_keys_must_not_repeat()
    {
        var options = TwoAccounts();
        options.Accounts.Add(new SandboxAccountOptions { Key = SandboxOptions.GeneratedAccountKey(2), Seed = 1 });

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Account 3 repeats the key", error.Message);
        Assert.DoesNotContain("sk_test_account02", error.Message);
    }

    [Fact]
    public async Task Without_accounts_the_sandbox_accepts_its_test_and_live_keys_over_one_store()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });

        Assert.Equal(new[] { ("sk_test_sandbox", "test", 100), ("sk_live_sandbox", "live", 600) },
            server.Accounts.Select(a => (a.Key, a.Domain, a.RateLimit)).ToArray());
        Assert.All(server.Accounts, a => Assert.Same(server.Store, a.Store));
    }
}
