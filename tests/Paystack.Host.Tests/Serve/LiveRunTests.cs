using System.Net;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>Every admin endpoint and CLI verb answers with real data while a run is in flight.</summary>
[Collection(ServeCollection.Name)]
public sealed class LiveRunTests
{
    private const int Transactions = 300;

    [Fact]
    public async Task Admin_endpoint_and_verbs_show_a_run_in_flight_and_pause_and_resume_take_effect()
    {
        await using var environment = await ServeEnvironment.StartAsync(
            sandbox =>
            {
                sandbox.Faults.Latency = TimeSpan.FromMilliseconds(300);
                sandbox.Records["transaction"] = Transactions;
            },
            ServeEnvironment.SlowEngine);
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "transactions,customers"), new LockedStringWriter());
        var url = host.Addresses[0];
        using var client = ServeEnvironment.Client(url);

        var running = await ServeEnvironment.WaitForAsync(client, s =>
            s.Streams.Any(x => x.Name == "transactions" && x.State == "running" && x.PagesDone > 0));
        Assert.NotNull(running.CurrentRun);
        var live = running.Streams.Single(x => x.Name == "transactions");
        Assert.True(live.PagesPlanned >= live.PagesDone && live.WindowsPlanned > 0 && live.Requests > 0, $"{live}");
        Assert.NotNull(running.RateLimiter);
        Assert.True(running.RateLimiter!.Granted > 0);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ServeEnvironment.Client(url, token: null).GetAsync("admin/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ServeEnvironment.Client(url, token: "wrong-token-000000000").GetAsync("metrics")).StatusCode);

        var actors = await client.GetStringAsync("admin/actors");
        Assert.Contains("/user/sync-", actors);
        Assert.True(actors.Contains("/transactions/fetcher-1") || actors.Contains("/customers/fetcher-1"), actors);
        Assert.Contains("/user/rate-limiter-", actors);

        var logs = await client.GetStringAsync("admin/logs?n=50");
        Assert.Contains("Run started (schedule)", logs);

        var metricsBefore = MetricsText.Sum(await client.GetStringAsync("metrics"), "paystack_sync_pages_total", "stream=\"transactions\"");

        // The verbs talk to the real endpoint, as separate processes.
        var verbEnvironment = new Dictionary<string, string?> { ["PAYSTACK_SYNC_ADMIN_URL"] = url.ToString(), ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token };
        var pause = await CliRunner.RunAsync(["pause", "transactions"], verbEnvironment);
        Assert.True(pause.ExitCode == 0, pause.ToString());
        Assert.Contains("Paused transactions (the running job was told)", pause.Stdout);

        var settled = await ServeEnvironment.WaitForAsync(client, s =>
            s.Streams.Single(x => x.Name == "transactions") is { State: "paused", PagesInFlight: 0 });
        var pagesAtPause = settled.Streams.Single(x => x.Name == "transactions").PagesDone;
        // While it is paused the run cannot end: the verbs below see it in flight, and take long enough to show no page moves.
        var verbs = await Task.WhenAll(
            CliRunner.RunAsync(["status"], verbEnvironment),
            CliRunner.RunAsync(["actors"], verbEnvironment),
            CliRunner.RunAsync(["logs", "-n", "20"], verbEnvironment),
            CliRunner.RunAsync(["trigger"], verbEnvironment),
            CliRunner.RunAsync(["status", "--admin-token", "wrong-token-000000000"], verbEnvironment),
            CliRunner.RunAsync(["status", "--admin-url", $"http://127.0.0.1:{ServeEnvironment.FreePort()}"], verbEnvironment));
        var (status, actorTree, logLines, trigger, wrongToken, unreachable) = (verbs[0], verbs[1], verbs[2], verbs[3], verbs[4], verbs[5]);

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("transactions", status.Stdout);
        Assert.Contains("running (schedule)", status.Stdout);
        Assert.Contains("paused", status.Stdout);
        Assert.Contains("every 1h", status.Stdout);
        Assert.True(actorTree.ExitCode == 0, actorTree.ToString());
        Assert.True(actorTree.Stdout.Contains("fetcher-1"), actorTree.ToString());
        Assert.True(logLines.ExitCode == 0, logLines.ToString());
        Assert.Contains("[INF]", logLines.Stdout);
        Assert.Equal(1, trigger.ExitCode);
        Assert.Contains("already going", trigger.Stdout);
        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("token", wrongToken.Stderr);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("Cannot reach the admin endpoint", unreachable.Stderr);

        var later = await ServeEnvironment.StatusAsync(client);
        Assert.Equal(pagesAtPause, later.Streams.Single(x => x.Name == "transactions").PagesDone);
        Assert.NotNull(later.CurrentRun);

        var resume = await CliRunner.RunAsync(["resume", "transactions"], verbEnvironment);
        Assert.True(resume.ExitCode == 0, resume.ToString());
        var done = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
        Assert.Equal(Transactions, done.Streams.Single(x => x.Name == "transactions").Records);
        Assert.Equal((Transactions, Transactions), environment.Count("transactions"));

        var metricsAfter = MetricsText.Sum(await client.GetStringAsync("metrics"), "paystack_sync_pages_total", "stream=\"transactions\"");
        Assert.True(metricsAfter > metricsBefore, $"pages counter did not move: {metricsBefore} -> {metricsAfter}");
    }
}
