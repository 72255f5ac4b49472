using Paystack.Host.Serve;
using Paystack.Host.Tests.Sync;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// Serve's journal on a disk that fills up: the run then fails naming the full disk, serve stays up, and the run after
/// space is freed succeeds with the destination whole: a full disk never leaves an account failing on every later run.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class FullDiskServeTests
{
    [SkippableFact]
    public async Task A_run_on_a_full_journal_disk_fails_plainly_and_the_run_after_space_is_freed_succeeds()
    {
        var (disk, skipReason) = await SmallDisk.StartAsync(2048);
        Skip.If(disk is null, skipReason);
        await using var _ = disk;
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(
            environment.Options(streams: "transactions,customers", extra: ["--journal", $"sqlite:{Path.Combine(disk.Folder, "journal.db")}"]),
            new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);
        var first = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);

        disk.Fill();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger", null)).StatusCode);
        var failed = await ServeEnvironment.WaitForAsync(client, s => s is { CurrentRun: null, LastRun: { State: "failed" } } && s.LastRun.RunId != first.LastRun!.RunId);
        Assert.Contains("database or disk is full", failed.LastRun!.Error);
        Assert.All(failed.Streams, s => Assert.Equal(0, s.Restarts));

        disk.FreeFiller();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger", null)).StatusCode);
        await ServeEnvironment.WaitForAsync(client, s => ServeEnvironment.LastRunSucceeded(s) && s.LastRun!.RunId != failed.LastRun.RunId);
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("transactions"));
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("customers"));
    }
}
