using System.Net.Http.Headers;
using System.Text.Json;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Read;
using Paystack.Host.Tests.Sync;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Streams;

/// <summary>The point-in-time stream: each run reads every currency's balance once and stamps it with the run's time.</summary>
public sealed class BalancesReadTests() : SandboxedReadTests(new SandboxOptions { RecordsPerStream = 30, TestRateLimit = 100_000 })
{
    /// <summary>What GET /balance answers right now, straight from the sandbox.</summary>
    private async Task<Dictionary<string, long>> BalancesAsync()
    {
        using var http = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var body = JsonDocument.Parse(await http.GetStringAsync("balance"));
        return body.RootElement.GetProperty("data").EnumerateArray()
            .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Each_read_emits_one_record_per_currency_stamped_with_its_run()
    {
        var args = new[] { "--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", Files.Catalog(("balances", "full_refresh")) };
        var expected = await BalancesAsync();
        Assert.NotEmpty(expected);
        Sandbox.Requests.Clear();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var first = new ReadTranscript(await ReadCli.RunAsync(args));
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // read times are in milliseconds; make the second run's clearly later
        var second = new ReadTranscript(await ReadCli.RunAsync(args));

        var readAts = new List<DateTimeOffset>();
        foreach (var read in new[] { first, second })
        {
            Assert.True(read.Result.ExitCode == 0, read.Result.ToString());
            var records = read.Records("balances").Select(r => r.Record.GetProperty("data")).ToList();
            Assert.Equal(expected, records.ToDictionary(r => r.GetProperty("currency").GetString()!, r => r.GetProperty("balance").GetInt64()));
            var stamps = records.Select(r => r.GetProperty("read_at").GetString()!).Distinct().ToList();
            readAts.Add(ReadTranscript.ParseTime(Assert.Single(stamps)));
            RecordSchemaCheck.AssertMatches("balances", records);
        }
        Assert.InRange(readAts[0], before, readAts[1].AddTicks(-1));
        Assert.Equal(2, Sandbox.Requests.Count("balance", status: 200)); // one request a run, no second page
    }

    [Fact]
    public async Task Deduplicated_syncs_keep_each_runs_reading_side_by_side()
    {
        var (destination, readIds) = SyncDestinations.Create("sqlite", Files.Folder);
        var config = Files.Config(Key, Sandbox.BaseUrl);
        string[] args = ["sync", "--config", config, "--destination", destination, "--journal", $"sqlite:{Path.Combine(Files.Folder, "journal.db")}",
            "--streams", "balances", "--mode", "append_dedup"];

        var first = await CliRunner.RunAsync(args, SyncKillTests.FastEngine);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var second = await CliRunner.RunAsync(args, SyncKillTests.FastEngine);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        var ids = await readIds("balances");
        var currencies = (await BalancesAsync()).Keys;
        Assert.Equal(2 * currencies.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(currencies, currency => Assert.Equal(2, ids.Count(id => id.StartsWith(currency + "|", StringComparison.Ordinal))));
    }
}
