using Paystack.Actors.Paystack;
using System.Net;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

[Collection(ServeCollection.Name)]
public sealed class ScheduledRunTests
{
    [Fact]
    public async Task A_scheduled_run_completes_and_the_service_reports_it()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(environment.Options(), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var status = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);

        Assert.Equal(StreamCatalog.All.Count, status.Streams.Count);
        Assert.All(status.Streams, s =>
        {
            Assert.Equal("completed", s.State);
            var definition = StreamCatalog.Get(s.Name);
            // A list stream holds the sandbox's records; child and point-in-time streams hold what their parents and currencies give.
            if (definition.Parent is null && definition.ReadAtField is null) Assert.Equal(ServeEnvironment.RecordsPerStream, s.Records);
            else Assert.True(s.Records > 0, $"{s.Name} wrote nothing");
            Assert.NotNull(s.Cursor);
        });
        Assert.Equal("schedule", status.LastRun!.Reason);
        Assert.Equal(status.Streams.Sum(s => s.Records), status.LastRun.Records);
        Assert.InRange(status.NextRun!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("transactions"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz/live")).StatusCode);
        var ready = await client.GetAsync("healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var metrics = await client.GetStringAsync("metrics");
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_records_total", "stream=\"transactions\"") >= ServeEnvironment.RecordsPerStream, metrics);
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_responses_total", "status_code=\"200\"") > 0, metrics);
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_run_duration_seconds_count", "outcome=\"succeeded\"") >= 1, metrics);
    }

    [Fact]
    public async Task A_paused_stream_stays_paused_at_the_start_of_the_next_run_until_resumed()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(
            environment.Options(runAtStart: false, streams: "transactions,customers"), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var paused = await client.PostAsync("admin/streams/transactions/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Contains("\"appliedToRun\":false", await paused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("admin/streams/refunds/pause", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger", null)).StatusCode);
        var waiting = await ServeEnvironment.WaitForAsync(client, s =>
            s.Streams.Single(x => x.Name == "customers").State == "completed");
        var transactions = waiting.Streams.Single(x => x.Name == "transactions");
        Assert.Equal("paused", transactions.State);
        Assert.Equal(0, transactions.PagesDone);
        Assert.NotNull(waiting.CurrentRun);
        Assert.Equal(["transactions"], waiting.PausedStreams);

        await Task.Delay(TimeSpan.FromSeconds(1));
        var still = await ServeEnvironment.StatusAsync(client);
        Assert.Equal(0, still.Streams.Single(x => x.Name == "transactions").PagesDone);
        Assert.NotNull(still.CurrentRun);

        var resumed = await client.PostAsync("admin/streams/transactions/resume", null);
        Assert.Contains("\"appliedToRun\":true", await resumed.Content.ReadAsStringAsync());
        var done = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
        Assert.Equal(ServeEnvironment.RecordsPerStream, done.Streams.Single(x => x.Name == "transactions").Records);
        Assert.Empty(done.PausedStreams);
    }
}
