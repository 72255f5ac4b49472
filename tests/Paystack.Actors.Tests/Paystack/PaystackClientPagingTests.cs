using System.Text.Json.Nodes;
using Paystack.Actors.Paystack;
using Paystack.Sandbox;

namespace Paystack.Actors.Tests.Paystack;

/// <summary>Paging against the sandbox over HTTP: every record, once, in Paystack's order, whatever the page size.</summary>
public sealed class PaystackClientPagingTests
{
    [Fact]
    public async Task Pages_to_the_end_by_pageCount_when_the_server_caps_the_page_size_below_perPage()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 120, MaxPageSize = 25 });
        var gate = new RecordingGate();
        using var client = SandboxClients.Create(sandbox, gate);

        var records = await SandboxClients.ReadAllAsync(client, "transactions", perPage: 100);

        // 25-record pages are shorter than the 100 asked for; paging must still run to pageCount (120 / 25 → 5 pages).
        Assert.Equal(sandbox.Store.Ids("transaction"), records.Select(r => r.Id));
        await Eventually.EqualAsync(5, () => sandbox.Requests.Count("transaction", 200));
        Assert.Equal(5, gate.Waits);
        Assert.Equal(5, gate.Reports);
        Assert.All(records, r => Assert.True(long.Parse(r.Id) > int.MaxValue, $"id {r.Id} should exceed Int32"));
        Assert.All(records, r => Assert.NotNull(r.CreatedAt));
    }

    [Fact]
    public async Task Pages_to_an_empty_page_when_meta_has_no_pageCount()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 70, MaxPageSize = 20 });
        using var client = SandboxClients.Create(sandbox);
        var withoutPageCount = new PageCountDroppingClient(client);

        var records = await SandboxClients.ReadAllAsync(withoutPageCount, "customers", perPage: 50);

        Assert.Equal(sandbox.Store.Ids("customer"), records.Select(r => r.Id));
        // 20 + 20 + 20 + 10, then the empty page that ends it: the short 4th page did not stop paging.
        await Eventually.EqualAsync(5, () => sandbox.Requests.Count("customer", 200));
        Assert.Equal(0, withoutPageCount.LastPageRecordCount);
    }

    [Fact]
    public async Task Cursor_paging_follows_next_to_the_end()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 55 });
        using var client = SandboxClients.Create(sandbox);

        var records = await SandboxClients.ReadAllAsync(client, "transfers", perPage: 20, useCursor: true);

        Assert.Equal(sandbox.Store.Ids("transfer"), records.Select(r => r.Id));
        await Eventually.EqualAsync(3, () => sandbox.Requests.Count("transfer", 200));
        Assert.All(sandbox.Requests.Entries, e => Assert.Contains("use_cursor=true", e.QueryString));
    }

    [Fact]
    public async Task From_and_to_select_the_same_records_as_the_server_store()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 150 });
        using var client = SandboxClients.Create(sandbox);
        var from = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.FromHours(1));

        var records = await SandboxClients.ReadAllAsync(client, "invoices", perPage: 30, from, to);

        var expected = sandbox.Store.Ids("paymentrequest", from, to);
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < 150);
        Assert.Equal(expected, records.Select(r => r.Id));
        Assert.All(records, r => Assert.InRange(r.CreatedAt!.Value, from, to));
        Assert.Contains("from=2023-06-01T00%3A00%3A00.000Z", sandbox.Requests.Entries[0].QueryString);
        Assert.Contains("to=2024-03-01T11%3A30%3A00.000Z", sandbox.Requests.Entries[0].QueryString);
    }

    [Fact]
    public async Task PerPage_sent_back_as_a_string_is_read_as_a_number()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 30 });
        using var client = SandboxClients.Create(sandbox);

        var page = await client.GetPageAsync(new PageRequest(StreamCatalog.Get("refunds"), 1, 10), CancellationToken.None);

        Assert.Contains("refund", sandbox.Options.PerPageAsString);
        Assert.Equal(new PageMeta(30, 0, 10, 1, 3), page.Meta);
        Assert.Equal(10, page.Records.Count);
        Assert.Equal(1, page.Attempts);
        Assert.NotNull(page.RateLimit.Limit);
        Assert.NotNull(page.RateLimit.Remaining);
    }

    [Fact]
    public async Task Each_record_keeps_the_servers_json_and_its_raw_creation_time()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 3 });
        using var client = SandboxClients.Create(sandbox);

        var page = await client.GetPageAsync(new PageRequest(StreamCatalog.Get("invoices"), 1, 10), CancellationToken.None);

        Assert.All(page.Records, record =>
        {
            var stored = JsonNode.Parse(sandbox.Store.Get("paymentrequest", record.Id)!)!;
            Assert.True(JsonNode.DeepEquals(stored, JsonNode.Parse(record.Json)), $"record {record.Id} differs from the server's");
            Assert.Equal(stored["created_at"]!.GetValue<string>(), record.CursorValue);
            Assert.Equal(DateTimeOffset.Parse(record.CursorValue!), record.CreatedAt);
        });
    }

    /// <summary>Serves the sandbox's pages with meta.pageCount removed, as some Paystack endpoints do.</summary>
    private sealed class PageCountDroppingClient(IPaystackClient inner) : IPaystackClient
    {
        public int LastPageRecordCount { get; private set; } = -1;

        public async Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken)
        {
            var result = await inner.GetPageAsync(request, cancellationToken);
            LastPageRecordCount = result.Records.Count;
            return result with { Meta = result.Meta with { PageCount = null, Total = null } };
        }
    }
}
