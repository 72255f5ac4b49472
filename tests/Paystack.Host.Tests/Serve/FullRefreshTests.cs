using System.Net;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary><c>serve --full-refresh</c>: every run reads everything since start_date, whatever the journal holds.</summary>
[Collection(ServeCollection.Name)]
public sealed class FullRefreshTests
{
    [Theory]
    [InlineData("append_dedup", false)]
    [InlineData("append_dedup", true)]
    [InlineData("append", true)]
    public async Task A_triggered_run_rereads_the_whole_range_only_with_full_refresh(string mode, bool fullRefresh)
    {
        await using var environment = await ServeEnvironment.StartAsync();
        List<string> extra = ["--mode", mode];
        if (fullRefresh) extra.Add("--full-refresh");
        await using var host = await ServeHost.StartAsync(
            environment.Options(streams: "transactions,customers", extra: extra), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var first = await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
        Assert.Equal(ServeEnvironment.RecordsPerStream, first.Streams.Single(s => s.Name == "transactions").Records);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger", null)).StatusCode);
        var second = await ServeEnvironment.WaitForAsync(client, s => ServeEnvironment.LastRunSucceeded(s) && s.LastRun!.Reason == "admin trigger");

        var reread = second.Streams.Single(s => s.Name == "transactions").Records;
        if (fullRefresh) Assert.Equal(ServeEnvironment.RecordsPerStream, reread);
        else Assert.InRange(reread, 0, ServeEnvironment.RecordsPerStream / 2); // only what is new since the cursor
        var (rows, distinct) = environment.Count("transactions");
        Assert.Equal(ServeEnvironment.RecordsPerStream, distinct);
        // append keeps every copy read; append_dedup keeps one row per id.
        Assert.Equal(mode == "append" ? 2 * ServeEnvironment.RecordsPerStream : ServeEnvironment.RecordsPerStream, rows);
    }
}
