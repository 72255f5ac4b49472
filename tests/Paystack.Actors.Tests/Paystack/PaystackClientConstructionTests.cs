using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Paystack;

public sealed class PaystackClientConstructionTests
{
    [Fact]
    public async Task A_callers_HttpClient_is_used_and_left_open()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 3 });
        using var http = new HttpClient(PaystackClient.CreateHandler());
        var request = new PageRequest(StreamCatalog.Get("customers"), 1, 10);

        using (var client = new PaystackClient(SandboxClients.Options(sandbox), http))
        {
            Assert.Equal(3, (await client.GetPageAsync(request, CancellationToken.None)).Records.Count);
        }

        using var again = new PaystackClient(SandboxClients.Options(sandbox), http);
        Assert.Equal(3, (await again.GetPageAsync(request, CancellationToken.None)).Records.Count);
        await Eventually.EqualAsync(2, () => sandbox.Requests.Count("customer", 200));
    }

    [Theory]
    [InlineData("", "secret key is empty")]
    [InlineData("sk_test_abc\n", "whitespace")]
    public void A_blank_or_padded_key_is_refused_without_echoing_it(string key, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PaystackClient(PaystackClientOptions.Default(key)));
        Assert.Contains(fragment, ex.Message);
        if (key.Trim().Length > 0)
        {
            Assert.DoesNotContain(key.Trim(), ex.Message);
        }
    }

    [Fact]
    public void Nonsense_retry_settings_are_refused_with_the_setting_named()
    {
        var options = PaystackClientOptions.Default("sk_test_x");
        Assert.Contains("retries cannot be negative", Assert.Throws<ArgumentException>(() => new PaystackClient(options with { MaxRetries = -1 })).Message);
        Assert.Contains("timeout must be positive", Assert.Throws<ArgumentException>(() => new PaystackClient(options with { RequestTimeout = TimeSpan.Zero })).Message);
        Assert.Contains("max delay", Assert.Throws<ArgumentException>(() =>
            new PaystackClient(options with { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1) })).Message);
    }

    [Fact]
    public async Task Zero_retries_means_one_attempt()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 3 });
        sandbox.Faults.ServerErrorRate = 1;
        using var client = SandboxClients.Create(sandbox, maxRetries: 0);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() =>
            client.GetPageAsync(new PageRequest(StreamCatalog.Get("customers"), 1, 10), CancellationToken.None));

        Assert.Contains("failed after 1 attempt: Paystack server error", ex.Message);
        await Eventually.EqualAsync(1, () => sandbox.Requests.Count());
    }
}
