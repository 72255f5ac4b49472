using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Sandbox.Tests.Webhooks;

/// <summary>Record changes and their signed deliveries, to a receiver on 127.0.0.1 that keeps what it got.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Key = "sk_test_sandbox";
    private readonly List<(string Body, string? Signature)> _received = [];
    private SandboxServer _sandbox = null!;
    private HttpListener _listener = null!;
    private Task _serving = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 50 });
        _url = new Uri($"http://127.0.0.1:{FreePort()}/hook/");
        _listener = new HttpListener();
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        try { await _serving; } catch (HttpListenerException) { } catch (ObjectDisposedException) { }
        await _sandbox.DisposeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (_received) _received.Add((body, context.Request.Headers[WebhookSender.SignatureHeader]));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static bool Signed(string body, string? signature) => signature == WebhookSender.Sign(Key, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Each_change_is_delivered_once_signed_with_the_record_as_the_api_now_serves_it()
    {
        var changer = new RecordChanges(_sandbox.Store);
        var changes = RecordChanges.Events.Keys.Select(path => changer.Change(path, _sandbox.Store.Ids(path)[3])).ToList();

        var report = await new WebhookSender(_url, Key).DeliverAsync(changes);

        Assert.Equal(changes.Count, report.StatusCounts[200]);
        Assert.Equal(changes.Count, _received.Count);
        foreach (var (change, (body, signature)) in changes.Zip(_received))
        {
            Assert.True(Signed(body, signature));
            var json = JsonNode.Parse(body)!;
            Assert.Equal(RecordChanges.Events[change.Path], (string?)json["event"]);
            if (change.Path == "customer") Assert.Equal(change.Id, json["data"]!["customer_id"]!.ToString());
            else Assert.True(JsonNode.DeepEquals(JsonNode.Parse(_sandbox.Store.Get(change.Path, change.Id)!), json["data"]));
        }
        Assert.Equal("reversed", (string?)JsonNode.Parse(_sandbox.Store.Get("transaction", changes[0].Id)!)!["status"]);
    }

    [Fact]
    public async Task Deliveries_are_dropped_duplicated_reordered_and_forged_as_told()
    {
        var changer = new RecordChanges(_sandbox.Store);
        var ids = _sandbox.Store.Ids("refund");
        var changes = ids.Select(id => changer.Change("refund", id)).ToList();
        var options = new WebhookDeliveryOptions { DropRate = 0.2, DuplicateRate = 0.2, ReorderRate = 0.2, ForgeRate = 0.1, Seed = 3 };

        var report = await new WebhookSender(_url, Key, options).DeliverAsync(changes);

        Assert.True(report is { Dropped: > 0, Duplicated: > 0, Reordered: > 0, Forged: > 0 }, $"{report}");
        Assert.Equal(changes.Count - report.Dropped + report.Duplicated, _received.Count);
        Assert.Equal(report.Forged, _received.Count(r => !Signed(r.Body, r.Signature)));
        var order = _received.Where(r => Signed(r.Body, r.Signature)).Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.ToString()).Distinct().ToList();
        Assert.NotEqual(order.Order(StringComparer.Ordinal).Reverse(), order); // ids come newest first: a reordered one breaks the order
        Assert.Equal(changes.Count - report.Dropped - report.Forged, report.Announced.Count);
    }

    [Fact]
    public async Task A_feed_changes_records_at_its_rate_and_delivers_them()
    {
        var feed = new WebhookFeed(_sandbox.Store, new WebhookSender(_url, Key), changesPerMinute: 90);

        await feed.TickAsync(CancellationToken.None);
        await feed.TickAsync(CancellationToken.None);

        Assert.Equal(3, feed.Changed);
        Assert.Equal(3, feed.Answers[200]);
        Assert.All(_received, r => Assert.True(Signed(r.Body, r.Signature)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
