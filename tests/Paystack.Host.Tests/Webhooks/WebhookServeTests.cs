using System.Net;
using System.Text;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Serve;
using Paystack.Sandbox.Webhooks;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Webhooks.WebhookEnvironment;

namespace Paystack.Host.Tests.Webhooks;

/// <summary>Serve with webhooks on, in process, against the sandbox over HTTP and a real SQLite destination.</summary>
[Collection(ServeCollection.Name)]
public sealed class WebhookServeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Changed_records_reach_the_destination_with_one_read_each_and_a_later_run_keeps_them()
    {
        await using var environment = await ServeEnvironment.StartAsync(extraHocon: Hocon());
        await using var host = await ServeHost.StartAsync(environment.Options(streams: ChangingStreams), new LockedStringWriter());
        using var admin = ServeEnvironment.Client(host.Addresses[0]);
        var first = await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded);

        var changes = ChangeRecords(environment.Sandbox, perStream: 15); // 105 records, from 2023 on: far older than any lookback
        Assert.Equal(changes.Count, Stale(environment.Sandbox, environment.DestinationPath, changes).Count);
        environment.Sandbox.Requests.Clear();

        var sender = new WebhookSender(host.Webhooks!.Addresses[0], environment.SecretKey);
        var report = await sender.DeliverAsync(changes);
        var inbox = await WaitForSettledAsync(admin, changes.Count);

        output.WriteLine($"{report.Sent} deliveries, {RecordReads(environment.Sandbox)} record reads, {environment.Sandbox.Requests.Entries.Count} requests");
        Assert.Equal(changes.Count, report.StatusCounts[200]);
        Assert.Equal(changes.Count, inbox.Applied);
        Assert.InRange(inbox.LastLagSeconds!.Value, 0, 60);
        Assert.Equal(changes.Count, (await ServeEnvironment.StatusAsync(admin)).Webhooks!.Applied);
        Assert.Empty(Stale(environment.Sandbox, environment.DestinationPath, changes));
        Assert.Equal(changes.Count, RecordReads(environment.Sandbox));
        Assert.Equal(changes.Count, environment.Sandbox.Requests.Entries.Count);
        var events = EventRows(environment.DestinationPath);
        Assert.Equal(changes.Count, events.Count);
        Assert.All(events, e => Assert.Equal("applied", (string?)e["outcome"]));
        Assert.All(Changing, c => Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(c.Stream)));

        // The next run sees the webhooks' writes as writes outside its journal and carries on: nothing re-read in full, nothing lost.
        environment.Sandbox.Requests.Clear();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("admin/trigger", null)).StatusCode);
        await ServeEnvironment.WaitForAsync(admin, s => ServeEnvironment.LastRunSucceeded(s) && s.LastRun!.RunId != first.LastRun!.RunId);
        var logs = await admin.GetStringAsync("admin/logs?n=2000");
        Assert.DoesNotContain("read in full", logs);
        Assert.DoesNotContain("read again from", logs);
        Assert.DoesNotContain("carries on from what the destination proves", logs);
        Assert.Empty(Stale(environment.Sandbox, environment.DestinationPath, changes));
        Assert.All(Changing, c => Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(c.Stream)));
    }

    [Fact]
    public async Task Forged_missing_oversize_and_malformed_deliveries_are_refused_and_a_replay_changes_nothing()
    {
        await using var environment = await ServeEnvironment.StartAsync(extraHocon: Hocon());
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "transactions"), new LockedStringWriter());
        using var admin = ServeEnvironment.Client(host.Addresses[0]);
        await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded);
        var sender = new WebhookSender(host.Webhooks!.Addresses[0], environment.SecretKey);
        var id = environment.Sandbox.Store.Ids("transaction")[10];
        var before = Row(environment.DestinationPath, "transactions", id);
        var change = new RecordChanges(environment.Sandbox.Store).Change("transaction", id);
        var body = Encoding.UTF8.GetBytes(change.Body());
        environment.Sandbox.Requests.Clear();

        Assert.Equal(401, await sender.PostAsync(body, signature: null));
        Assert.Equal(401, await sender.PostAsync(body, WebhookSender.Sign(environment.SecretKey + "x", body)));
        Assert.Equal(401, await sender.PostAsync(body, "not-hex"));
        var tampered = Encoding.UTF8.GetBytes(change.Body().Replace("reversed", "success", StringComparison.Ordinal));
        Assert.Equal(401, await sender.PostAsync(tampered, WebhookSender.Sign(environment.SecretKey, body)));
        var huge = Encoding.UTF8.GetBytes("{\"event\":\"charge.success\",\"data\":{\"id\":" + id + ",\"pad\":\"" + new string('x', MaxBodyBytes) + "\"}}");
        Assert.Equal(413, await sender.PostAsync(huge, WebhookSender.Sign(environment.SecretKey, huge)));
        var notAnEvent = "{\"hello\":1}"u8.ToArray();
        Assert.Equal(400, await sender.PostAsync(notAnEvent, WebhookSender.Sign(environment.SecretKey, notAnEvent)));

        var status = await StatusAsync(admin);
        Assert.Equal(0, status.Received);
        var view = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("admin/webhooks"))!;
        Assert.Equal((4, 1, 1), ((int)view["rejected"]!["signature"]!, (int)view["rejected"]!["too_large"]!, (int)view["rejected"]!["malformed"]!));
        Assert.Empty(environment.Sandbox.Requests.Entries);
        Assert.True(JsonNodeEquals(before, Row(environment.DestinationPath, "transactions", id)), "a refused delivery changed the row");

        Assert.Equal(200, await sender.PostAsync(body, WebhookSender.Sign(environment.SecretKey, body)));
        await WaitForSettledAsync(admin, 1);
        Assert.Equal(200, await sender.PostAsync(body, WebhookSender.Sign(environment.SecretKey, body)));
        Assert.Equal(200, await sender.PostAsync(body, WebhookSender.Sign(environment.SecretKey, body)));
        status = await WaitForSettledAsync(admin, 1);

        Assert.Equal((1, 2, 1), (status.Received, status.Duplicates, status.Applied));
        Assert.Equal(1, RecordReads(environment.Sandbox));
        Assert.Single(EventRows(environment.DestinationPath));
        Assert.Empty(Stale(environment.Sandbox, environment.DestinationPath, [change]));
        var metrics = await admin.GetStringAsync("metrics");
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_webhook_rejected_total", "reason=\"signature\"") >= 4, metrics);
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_webhook_rejected_total", "reason=\"too_large\"") >= 1, metrics);
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_webhook_settled_total", "outcome=\"applied\"") >= 1, metrics);
    }

    [Fact]
    public async Task Events_of_streams_not_synced_are_recorded_and_ignored_without_a_read()
    {
        await using var environment = await ServeEnvironment.StartAsync(extraHocon: Hocon());
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "transactions"), new LockedStringWriter());
        using var admin = ServeEnvironment.Client(host.Addresses[0]);
        await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded);
        var changes = new RecordChanges(environment.Sandbox.Store);
        var refund = changes.Change("refund", environment.Sandbox.Store.Ids("refund")[0]);
        var unknown = new RecordChange("x", "1", "paymentlink.created", new System.Text.Json.Nodes.JsonObject { ["id"] = 1 });
        environment.Sandbox.Requests.Clear();

        var report = await new WebhookSender(host.Webhooks!.Addresses[0], environment.SecretKey).DeliverAsync([refund, unknown]);
        var status = await WaitForSettledAsync(admin, 2);

        Assert.Equal(2, report.StatusCounts[200]);
        Assert.Equal((0, 2), (status.Applied, status.Ignored));
        Assert.Empty(environment.Sandbox.Requests.Entries);
        var outcomes = EventRows(environment.DestinationPath).Select(e => ((string)e["event"]!, (string)e["outcome"]!)).Order().ToList();
        Assert.Equal([("paymentlink.created", "ignored_type"), ("refund.processed", "ignored_not_synced")], outcomes);
    }

    private static bool JsonNodeEquals(System.Text.Json.Nodes.JsonNode? a, System.Text.Json.Nodes.JsonNode? b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(a, b);
}
