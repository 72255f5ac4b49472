using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>What the client retries, how long it waits, and what it gives up with, against the sandbox's faults.</summary>
public sealed class PaystackClientRetryTests
{
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");

    [Fact]
    public async Task A_429_is_retried_after_the_servers_Retry_After()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 40, TestRateLimit = 2, RateLimitWindow = TimeSpan.FromSeconds(1),
        });
        var gate = new RecordingGate();
        // Backoff alone would wait 10-100 ms; only Retry-After explains a pause of a second.
        using var client = new PaystackClient(SandboxClients.Options(sandbox) with { RetryMaxDelay = TimeSpan.FromSeconds(3) }, gate);

        var results = new List<PageResult>();
        for (var page = 1; page <= 3; page++)
        {
            results.Add(await client.GetPageAsync(new PageRequest(Transactions, page, 20), CancellationToken.None));
        }

        Assert.Equal(sandbox.Store.Ids("transaction"), results.SelectMany(r => r.Records).Select(r => r.Id));
        var limited = Assert.Single(results, r => r.RateLimited > 0);
        Assert.Equal(limited.RateLimited + 1, limited.Attempts);
        await Eventually.EqualAsync(limited.RateLimited, () => sandbox.Requests.Count("transaction", 429));
        var retryAfter = gate.Events.First(e => e.Status == 429).Headers!.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.All(gate.PausesAfter429(), pause => Assert.True(
            pause >= retryAfter!.Value - TimeSpan.FromMilliseconds(50), $"waited {pause.TotalMilliseconds} ms, Retry-After said {retryAfter}"));
    }

    [Fact]
    public async Task Retry_After_is_capped_by_RetryMaxDelay_and_the_last_429_is_reported_as_transient()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 10, TestRateLimit = 1, RateLimitWindow = TimeSpan.FromSeconds(30),
        });
        var gate = new RecordingGate();
        using var client = new PaystackClient(SandboxClients.Options(sandbox, maxRetries: 3) with { RetryMaxDelay = TimeSpan.FromMilliseconds(150) }, gate);
        await client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None);

        var started = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.Transient, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Contains("failed after 4 attempts: rate limited by Paystack (429): Rate limit exceeded!", ex.Message);
        await Eventually.EqualAsync(4, () => sandbox.Requests.Count("transaction", 429));
        Assert.All(gate.PausesAfter429(), pause => Assert.InRange(pause, TimeSpan.FromMilliseconds(140), TimeSpan.FromSeconds(2)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}; Retry-After of ~30 s should have been capped");
    }

    [Theory]
    [InlineData("server errors")]
    [InlineData("resets")]
    [InlineData("truncated bodies")]
    [InlineData("HTML pages")]
    public async Task Faulty_answers_are_retried_until_every_record_is_read(string fault)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 200, MaxPageSize = 20 });
        sandbox.Faults.Seed = 7;
        switch (fault)
        {
            case "server errors": sandbox.Faults.ServerErrorRate = 0.4; break;
            case "resets": sandbox.Faults.ResetRate = 0.4; break;
            case "truncated bodies": sandbox.Faults.TruncatedRate = 0.4; break;
            case "HTML pages": sandbox.Faults.HtmlErrorRate = 0.4; break;
        }

        var gate = new RecordingGate();
        using var client = SandboxClients.Create(sandbox, gate, maxRetries: 8);

        var records = await SandboxClients.ReadAllAsync(client, "transactions", perPage: 20);

        Assert.Equal(sandbox.Store.Ids("transaction"), records.Select(r => r.Id));
        await Eventually.EqualAsync(gate.Waits, () => sandbox.Requests.Count("transaction"));
        var attempts = sandbox.Requests.Count("transaction");
        Assert.True(attempts > 10, $"{fault}: expected retries beyond the 10 pages, saw {attempts} requests");
        // Every answer that arrived was reported to the gate; reset connections have none.
        Assert.Equal(attempts - sandbox.Requests.Count("transaction", 0), gate.Reports);
    }

    [Fact]
    public async Task A_rejected_key_fails_at_once_with_a_clear_message_and_no_retry()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        const string wrongKey = "sk_test_0123456789abcdef0123456789abcdef";
        using var client = new PaystackClient(SandboxClients.Options(sandbox, maxRetries: 5, key: wrongKey));

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(401, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Matches(@"^GET /transaction\?perPage=10&page=1: the secret key was rejected \(401\): Invalid key", ex.Message);
        Assert.DoesNotContain(wrongKey, ex.ToString());
        await Eventually.EqualAsync(1, () => sandbox.Requests.Count());
    }

    [Fact]
    public async Task An_unknown_endpoint_fails_at_once_as_not_found()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        using var client = SandboxClients.Create(sandbox);
        var missing = new StreamDefinition("widgets", "widget", "createdAt", "id", StreamPaging.PageNumbers);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(missing, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.NotFound, ex.Kind);
        Assert.Contains("the endpoint was not found (404): Entity not found", ex.Message);
        await Eventually.EqualAsync(1, () => sandbox.Requests.Count());
    }

    [Fact]
    public async Task Html_instead_of_json_ends_in_a_clear_message_not_a_parser_error()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        sandbox.Faults.HtmlErrorRate = 1;
        using var client = SandboxClients.Create(sandbox, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.InvalidResponse, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.EndsWith("failed after 3 attempts: Paystack answered with an HTML page instead of JSON (HTTP 502)", ex.Message);
        Assert.DoesNotContain("<html", ex.ToString());
        Assert.DoesNotContain("JsonException", ex.ToString());
        await Eventually.EqualAsync(3, () => sandbox.Requests.Count("transaction", 502));
    }

    [Fact]
    public async Task A_body_cut_off_every_time_ends_as_an_invalid_response()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        sandbox.Faults.TruncatedRate = 1;
        using var client = SandboxClients.Create(sandbox, maxRetries: 1);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.InvalidResponse, ex.Kind);
        Assert.EndsWith("failed after 2 attempts: Paystack answered with JSON that is cut off or malformed (HTTP 200)", ex.Message);
    }

    [Fact]
    public async Task Persistent_server_errors_end_as_transient_with_the_last_status()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        sandbox.Faults.ServerErrorRate = 1;
        using var client = SandboxClients.Create(sandbox, maxRetries: 3);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.Transient, ex.Kind);
        Assert.True(ex.IsTransient);
        await Eventually.EqualAsync(4, () => sandbox.Requests.Count());
        var last = sandbox.Requests.Entries[^1].StatusCode;
        Assert.Equal(last, ex.StatusCode);
        Assert.Contains($"failed after 4 attempts: Paystack server error ({last}): ", ex.Message);
    }

    [Fact]
    public async Task A_slow_answer_times_out_per_attempt_and_is_retried()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        sandbox.Faults.Latency = TimeSpan.FromSeconds(5);
        var gate = new RecordingGate();
        using var client = new PaystackClient(SandboxClients.Options(sandbox, maxRetries: 1) with { RequestTimeout = TimeSpan.FromMilliseconds(150) }, gate);

        var started = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.Transient, ex.Kind);
        Assert.EndsWith("failed after 2 attempts: no complete response within 0.15 s", ex.Message);
        // Two attempts that each waited for the server would take 10 s.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"took {started.Elapsed}");
        Assert.Equal(2, gate.Waits);
        Assert.Equal(0, gate.Reports);
        Assert.Equal(2, gate.Abandoned); // a drained RateLimiter waits for no answer to them
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_unreachable_after_the_retries()
    {
        var port = FreePort();
        var gate = new RecordingGate();
        var options = new PaystackClientOptions(
            new Uri($"http://127.0.0.1:{port}/"), "sk_test_unreachable_key", TimeSpan.FromSeconds(2), 2,
            TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        using var client = new PaystackClient(options, gate);

        var ex = await Assert.ThrowsAsync<PaystackApiException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), CancellationToken.None));

        Assert.Equal(PaystackErrorKind.Unreachable, ex.Kind);
        Assert.Null(ex.StatusCode);
        Assert.EndsWith($"failed after 3 attempts: the connection to 127.0.0.1:{port} was refused", ex.Message);
        Assert.Equal(3, gate.Waits);
        Assert.Equal(0, gate.Reports);
        Assert.Equal(3, gate.Abandoned);
    }

    [Fact]
    public async Task Cancellation_stops_at_once_and_is_not_retried()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 5 });
        sandbox.Faults.Latency = TimeSpan.FromSeconds(5);
        var gate = new RecordingGate();
        using var client = new PaystackClient(SandboxClients.Options(sandbox), gate);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetPageAsync(new PageRequest(Transactions, 1, 10), cts.Token));
        Assert.True(sandbox.Requests.Count() <= 1);
        Assert.Equal((1, 0, 1), (gate.Waits, gate.Reports, gate.Abandoned));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
