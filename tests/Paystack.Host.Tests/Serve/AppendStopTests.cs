using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary>A clean stop of serve in the middle of an append run, then a restart: no row written twice.</summary>
[Collection(ServeCollection.Name)]
public sealed class AppendStopTests
{
    private const string Streams = "customers,transactions";

    [Fact]
    public async Task An_append_run_stopped_and_resumed_writes_every_record_once()
    {
        await using var environment = await ServeEnvironment.StartAsync(
            sandbox => sandbox.Faults.Latency = TimeSpan.FromMilliseconds(100), ServeEnvironment.SlowEngine);
        string[] append = ["--mode", "append"];

        await using (var host = await ServeHost.StartAsync(environment.Options(streams: Streams, extra: append), new LockedStringWriter()))
        {
            using var client = ServeEnvironment.Client(host.Addresses[0]);
            await ServeEnvironment.WaitForAsync(client, s => s.CurrentRun is not null && s.Streams.Any(x => x.PagesDone >= 3), TimeSpan.FromSeconds(60));
        } // disposing the host is serve's SIGTERM path: the run is cancelled mid-flight

        environment.Sandbox.Faults.Latency = TimeSpan.Zero;
        await using var again = await ServeHost.StartAsync(environment.Options(streams: Streams, extra: append), new LockedStringWriter());
        using var adminClient = ServeEnvironment.Client(again.Addresses[0]);
        var done = await ServeEnvironment.WaitForAsync(adminClient, ServeEnvironment.LastRunSucceeded);

        Assert.Contains(done.Streams, s => s.Resumed);
        foreach (var stream in Streams.Split(','))
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(stream));
    }
}
