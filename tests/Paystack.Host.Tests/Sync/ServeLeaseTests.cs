using System.Net;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Serve;
using Xunit.Abstractions;
using static Paystack.Host.Tests.Sync.LeaseTesting;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// <c>serve</c> and a manual <c>sync</c> share one lease per account and destination, and serve holds it only while
/// one of its runs is going. Both run as real processes.
/// </summary>
public sealed class ServeLeaseTests(ITestOutputHelper output)
{
    private const string ServeStreams = "transactions,customers";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> TokenEnvironment = new() { ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token };

    [Fact]
    public async Task A_manual_sync_during_a_serve_run_exits_3_and_succeeds_once_the_run_has_ended()
    {
        await using var environment = await ServeEnvironment.StartAsync(sandbox =>
        {
            sandbox.TestKey = NewTestKey("srv");
            sandbox.Faults.Latency = TimeSpan.FromSeconds(1);
        }, ServeEnvironment.SlowEngine);
        var port = ServeEnvironment.FreePort();

        await using var serve = RunningCli.Start(environment.ServeArguments(port, "--streams", ServeStreams), TokenEnvironment);
        using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"));
        await ServeEnvironment.WaitForAsync(client, s => s.CurrentRun is not null && s.Streams.Any(x => x.PagesDone >= 1), Bound);

        var refused = await CliRunner.RunAsync(ManualSync(environment), environment: null, Bound);

        output.WriteLine($"manual sync during the run: {refused}");
        var during = await ServeEnvironment.StatusAsync(client);
        Assert.True(during.CurrentRun is not null, "serve's run ended while the manual sync ran, so they did not overlap");
        AssertRefusedBy(refused, serve.ProcessId);

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded, Bound);

        // Serve is still up, between runs: it holds no lease now.
        Assert.False(serve.HasExited, Output(serve));
        var after = await CliRunner.RunAsync(ManualSync(environment), environment: null, Bound);
        output.WriteLine($"manual sync after the run: {after}");
        Assert.True(after.ExitCode == 0, $"the manual sync after serve's run failed:\n{after}");
        foreach (var stream in ServeStreams.Split(','))
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(stream));
    }

    [Fact]
    public async Task A_serve_run_that_finds_a_manual_sync_going_is_skipped_and_a_later_run_succeeds()
    {
        await using var environment = await ServeEnvironment.StartAsync(sandbox =>
        {
            sandbox.TestKey = NewTestKey("skip");
            sandbox.Faults.Latency = TimeSpan.FromSeconds(1);
        }, ServeEnvironment.SlowEngine);
        var port = ServeEnvironment.FreePort();

        await using var sync = RunningCli.Start(ManualSync(environment));
        await WaitUntilAsync(() => sync.HasExited || environment.Sandbox.Requests.Count(status: 200) > 0, Bound,
            () => $"the manual sync sent no request.\n{Output(sync)}");
        Assert.False(sync.HasExited, $"the manual sync ended before serve started:\n{Output(sync)}");

        await using var serve = RunningCli.Start(environment.ServeArguments(port, "--streams", ServeStreams), TokenEnvironment);
        using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"));
        var skipped = await ServeEnvironment.WaitForAsync(client, s => s.LastRun is not null, Bound);

        output.WriteLine($"serve's first run: {skipped.LastRun}");
        Assert.Equal("skipped", skipped.LastRun!.State);
        Assert.Contains($"process {sync.ProcessId} on {Environment.MachineName}", skipped.LastRun.Error);
        Assert.False(sync.HasExited, $"the manual sync ended before serve's run was skipped:\n{Output(sync)}");
        await WaitUntilAsync(() => serve.Stderr.Contains("Run skipped: another run of account", StringComparison.Ordinal), Bound,
            () => $"serve logged no skipped run.\n{Output(serve)}");
        Assert.DoesNotContain("   at ", serve.Stderr);

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        var syncExit = await ExitCodeWithinAsync(sync, Bound, "the manual sync");
        Assert.True(syncExit == 0, $"the manual sync exited {syncExit}:\n{Output(sync)}");

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger", null)).StatusCode);
        var done = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded, Bound);
        output.WriteLine($"serve's triggered run: {done.LastRun}");
        foreach (var stream in ServeStreams.Split(','))
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(stream));
    }

    /// <summary>A one-off sync into serve's destination, with serve's settings and so its journal.</summary>
    private static string[] ManualSync(ServeEnvironment environment) =>
    [
        "sync", "--config", environment.ConfigPath, "--hocon", environment.HoconPath,
        "--destination", $"sqlite:{environment.DestinationPath}", "--streams", ServeStreams,
    ];
}
