using Microsoft.Extensions.Logging;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>The secret key never shows up in a log line or an exception, whatever goes wrong on the way.</summary>
public sealed class PaystackClientSecretTests
{
    private const string Key = "sk_test_f00dcafe7e57c0ffee5ecre7b1ac0a7d";

    [Fact]
    public async Task A_run_with_every_kind_of_fault_logs_requests_and_retries_but_never_the_key()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 120, MaxPageSize = 20, TestKey = Key, TestRateLimit = 12, RateLimitWindow = TimeSpan.FromSeconds(1),
        });
        sandbox.Faults.Seed = 11;
        sandbox.Faults.ServerErrorRate = 0.15;
        sandbox.Faults.ResetRate = 0.15;
        sandbox.Faults.TruncatedRate = 0.15;
        sandbox.Faults.HtmlErrorRate = 0.15;
        var logger = new CapturingLogger();
        var messages = new List<string>();

        using (var client = new PaystackClient(SandboxClients.Options(sandbox, maxRetries: 10) with { RetryMaxDelay = TimeSpan.FromSeconds(1) }, logger: logger))
        {
            var records = await SandboxClients.ReadAllAsync(client, "customers", perPage: 20);
            Assert.Equal(sandbox.Store.Ids("customer"), records.Select(r => r.Id));

            sandbox.Faults.Clear();
            sandbox.Faults.HtmlErrorRate = 1;
            messages.Add((await Assert.ThrowsAsync<PaystackApiException>(() =>
                client.GetPageAsync(new PageRequest(StreamCatalog.Get("customers"), 1, 20), CancellationToken.None))).ToString());
        }

        using (var wrong = new PaystackClient(SandboxClients.Options(sandbox, key: Key + "x"), logger: logger))
        {
            messages.Add((await Assert.ThrowsAsync<PaystackApiException>(() =>
                wrong.GetPageAsync(new PageRequest(StreamCatalog.Get("customers"), 1, 20), CancellationToken.None))).ToString());
        }

        messages.Add(Assert.Throws<ArgumentException>(() =>
            new PaystackClient(PaystackClientOptions.Default(Key, new Uri("http://api.example.com/")))).ToString());
        messages.Add(PaystackClientOptions.Default(Key).ToString());

        var lines = logger.Lines;
        Assert.Contains(lines, l => l.Level == LogLevel.Debug && l.Text.StartsWith("GET /customer?perPage=20&page=1 -> 200 in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Warning && l.Text.Contains("; retrying in "));
        Assert.Contains(lines, l => l.Text.Contains("-> failed after") && l.Text.Contains("was reset"));
        Assert.Contains(lines, l => l.Text.Contains("-> 429"));
        Assert.Contains(lines, l => l.Text.Contains("-> 401"));
        Assert.All(lines, l => Assert.DoesNotContain("sk_test_f00d", l.Text));
        Assert.All(lines, l => Assert.DoesNotContain("Bearer", l.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(messages, m => Assert.DoesNotContain("sk_test_f00d", m));
    }
}
