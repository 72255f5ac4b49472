using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

[Collection(ServeCollection.Name)]
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_mid_run_stops_cleanly_and_the_next_start_resumes_the_run()
    {
        await using var environment = await ServeEnvironment.StartAsync(
            sandbox => sandbox.Faults.Latency = TimeSpan.FromMilliseconds(200), ServeEnvironment.SlowEngine);
        var port = ServeEnvironment.FreePort();
        var tokenEnvironment = new Dictionary<string, string?> { ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token };

        await using (var serve = RunningCli.Start(environment.ServeArguments(port, "--streams", "transactions,customers"), tokenEnvironment))
        {
            using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"));
            var midRun = await ServeEnvironment.WaitForAsync(client, s =>
                s.CurrentRun is not null && s.Streams.Any(x => x.PagesDone >= 2), TimeSpan.FromSeconds(60));
            Assert.Contains(midRun.Streams, x => x.State != "completed");

            var exitCode = await serve.TerminateAsync(TimeSpan.FromSeconds(40));
            Assert.True(exitCode == 0, $"exit {exitCode}\n{serve.Stderr}");
            Assert.Contains("Run cancelled", serve.Stderr);
            Assert.Contains("Stopped", serve.Stderr);
        }

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        await using var again = await ServeHost.StartAsync(environment.Options(streams: "transactions,customers"), new LockedStringWriter());
        using var adminClient = ServeEnvironment.Client(again.Addresses[0]);
        var done = await ServeEnvironment.WaitForAsync(adminClient, ServeEnvironment.LastRunSucceeded);

        Assert.Contains(done.Streams, s => s.Resumed);
        foreach (var stream in new[] { "transactions", "customers" })
        {
            Assert.Equal(ServeEnvironment.RecordsPerStream, done.Streams.Single(s => s.Name == stream).Records);
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(stream));
        }
    }

    [Fact]
    public async Task A_non_loopback_admin_address_without_a_token_refuses_to_start()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        var result = await CliRunner.RunAsync(
            [.. environment.ServeArguments(0)[..^2], "--admin-urls", "http://0.0.0.0:0"],
            new Dictionary<string, string?> { ["PAYSTACK_SYNC_ADMIN_TOKEN"] = null });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("http://0.0.0.0:0", result.Stderr);
        Assert.Contains("without a token", result.Stderr);
        Assert.Contains("--admin-token", result.Stderr);
        Assert.False(File.Exists(environment.DestinationPath));
    }
}
