using System.Diagnostics;
using Xunit.Abstractions;

namespace Paystack.Sandbox.Tests;

/// <summary>Measures process-wide memory, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ScaleTests), DisableParallelization = true)]
public class ScaleCollection;

[Collection(nameof(ScaleTests))]
public class ScaleTests(ITestOutputHelper output)
{
    private static async Task<long> ManagedBytesWhileServingDeepPage(int transactions)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transaction"] = transactions } });
        using var client = new SandboxClient(server);
        var first = await client.GetOkAsync("transaction?perPage=100&from=2023-02-01");
        var lastPage = first.Meta()["pageCount"].Long();
        var body = await client.GetOkAsync($"transaction?perPage=100&page={lastPage}&from=2023-02-01");
        Assert.NotEmpty(body.Data());
        Assert.True(body.Meta()["total_volume"].Long() > 0);
        var cursor = await client.GetOkAsync("transaction?use_cursor=true&perPage=100");
        Assert.NotNull(cursor.Meta()["next"]);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task A_million_records_cost_no_more_memory_than_a_thousand()
    {
        await ManagedBytesWhileServingDeepPage(1_000); // warm up JIT and Kestrel
        var small = await ManagedBytesWhileServingDeepPage(1_000);
        var watch = Stopwatch.StartNew();
        var large = await ManagedBytesWhileServingDeepPage(1_000_000);

        var growth = large - small;
        output.WriteLine($"managed memory: {small / 1024} KB with 1,000 records, {large / 1024} KB with 1,000,000 ({growth / 1024} KB more); 1M run took {watch.ElapsedMilliseconds} ms");
        Assert.True(growth < 3 * 1024 * 1024, $"managed memory grew by {growth / 1024} KB for 1,000,000 records");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Deep_pages_of_a_million_records_are_consistent()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Records = { ["transaction"] = 1_000_000 } });
        using var client = new SandboxClient(server);

        var page = await client.GetOkAsync("transaction?perPage=100&page=7000");
        var next = await client.GetOkAsync("transaction?perPage=100&page=7001");

        Assert.Equal(1_000_000, page.Meta()["total"].Long());
        Assert.Equal(10_000, page.Meta()["pageCount"].Long());
        var last = page.Data()[^1]!;
        var first = next.Data()[0]!;
        Assert.True(last["createdAt"].Time() > first["createdAt"].Time()
                    || (last["createdAt"].Time() == first["createdAt"].Time() && last["id"].Long() > first["id"].Long()));
    }
}
