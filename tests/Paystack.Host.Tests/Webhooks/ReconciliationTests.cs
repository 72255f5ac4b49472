using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paystack.Actors.Reconciliation;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Serve;
using Paystack.Sandbox.Webhooks;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Webhooks.WebhookEnvironment;

namespace Paystack.Host.Tests.Webhooks;

/// <summary>Deliveries dropped, duplicated and reordered; a reconciliation then brings the destination to the sandbox's state.</summary>
[Collection(ServeCollection.Name)]
public sealed class ReconciliationTests(ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task After_lossy_deliveries_a_reconciliation_finds_and_fixes_every_change_inside_its_window()
    {
        var now = DateTimeOffset.UtcNow;
        await using var environment = await ServeEnvironment.StartAsync(
            sandbox => { sandbox.DataStart = now.AddDays(-70); sandbox.DataEnd = now.AddHours(-1); },
            Hocon("paystack-sync.webhooks { reconcile-every = 0s, reconcile-window = 35d }"));
        await using var host = await ServeHost.StartAsync(environment.Options(streams: ChangingStreams), new LockedStringWriter());
        using var admin = ServeEnvironment.Client(host.Addresses[0]);
        await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded);

        var windowStart = now.AddDays(-34); // inside the 35-day window when the reconciliation runs
        var changer = new RecordChanges(environment.Sandbox.Store);
        var changes = new List<RecordChange>();
        foreach (var (_, path) in Changing)
        {
            var ids = environment.Sandbox.Store.Ids(path);
            var recent = ids.Where(id => environment.Sandbox.Store.CreatedAt(path, id) >= windowStart).Take(12);
            var old = ids.Where(id => environment.Sandbox.Store.CreatedAt(path, id) < now.AddDays(-40)).Take(3);
            changes.AddRange(recent.Concat(old).Select(id => changer.Change(path, id)));
        }

        var sender = new WebhookSender(host.Webhooks!.Addresses[0], environment.SecretKey,
            new WebhookDeliveryOptions { DropRate = 0.1, DuplicateRate = 0.1, ReorderRate = 0.1, Seed = 11 });
        var delivery = await sender.DeliverAsync(changes);
        await WaitForSettledAsync(admin, delivery.Announced.Count);
        var missed = Stale(environment.Sandbox, environment.DestinationPath, changes);
        output.WriteLine($"{changes.Count} changes: {delivery.Dropped} dropped, {delivery.Duplicated} duplicated, {delivery.Reordered} reordered; {missed.Count} stale");
        Assert.True(delivery is { Dropped: > 0, Duplicated: > 0, Reordered: > 0 }, "the dice spared every kind of fault");
        Assert.Equal(changes.Except(delivery.Announced).OrderBy(c => c.Id), missed.OrderBy(c => c.Id));

        var differing = Differing(environment.Sandbox, environment.DestinationPath);
        var answer = await admin.PostAsync("admin/reconcile", null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var report = (await answer.Content.ReadFromJsonAsync<ReconcileReport>(Json))!;

        // Every missed change inside the window is found, and so is every record changed through one it embeds.
        var differingInWindow = differing.Where(d => d.CreatedAt >= report.From).ToList();
        output.WriteLine($"{JsonSerializer.Serialize(report.Streams)}; {differing.Count} rows differed, {differingInWindow.Count} inside the window");
        Assert.Superset(missed.Where(c => environment.Sandbox.Store.CreatedAt(c.Path, c.Id) >= report.From).Select(c => (c.Path, c.Id)).ToHashSet(),
            differingInWindow.Select(d => (d.Path, d.Id)).ToHashSet());
        Assert.Equal(differingInWindow.Count, report.Changed);
        Assert.All(report.Streams, s => Assert.Equal(0, s.Missing));
        var after = Differing(environment.Sandbox, environment.DestinationPath);
        Assert.Equal(differing.Except(differingInWindow).Order(), after.Order());
        Assert.All(after, d => Assert.True(d.CreatedAt < report.From));
        Assert.All(Changing, c => Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(c.Stream)));

        var again = (await (await admin.PostAsync("admin/reconcile", null)).Content.ReadFromJsonAsync<ReconcileReport>(Json))!;
        Assert.Equal(0, again.Changed);
        var metrics = await admin.GetStringAsync("metrics");
        Assert.Equal(report.Changed, MetricsText.Sum(metrics, "paystack_sync_reconcile_changes_total"));
    }

    [Fact]
    public async Task Reconciliations_run_on_their_schedule_after_the_run_and_their_time_survives_a_restart()
    {
        await using var environment = await ServeEnvironment.StartAsync(extraHocon: Hocon("paystack-sync.webhooks.reconcile-every = 1s"));
        DateTimeOffset reconciledAt;
        await using (var host = await ServeHost.StartAsync(environment.Options(streams: "transactions,refunds"), new LockedStringWriter()))
        {
            using var admin = ServeEnvironment.Client(host.Addresses[0]);
            var run = await ServeEnvironment.WaitForAsync(admin, ServeEnvironment.LastRunSucceeded);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while ((await admin.GetAsync("admin/reconcile")).StatusCode != HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline) await Task.Delay(100);
            var report = (await admin.GetFromJsonAsync<ReconcileReport>("admin/reconcile", Json))!;
            Assert.True(report.StartedAt >= run.LastRun!.FinishedAt, "the reconciliation started while the run was going");
            Assert.Equal(["refunds", "transactions"], report.Streams.Select(s => s.Stream).Order());
            reconciledAt = (await StatusAsync(admin)).LastReconciledAt!.Value;
        }

        await using var restarted = await ServeHost.StartAsync(
            environment.Options(streams: "transactions,refunds", runAtStart: false), new LockedStringWriter());
        using var again = ServeEnvironment.Client(restarted.Addresses[0]);
        Assert.True((await StatusAsync(again)).LastReconciledAt >= reconciledAt);
    }
}
