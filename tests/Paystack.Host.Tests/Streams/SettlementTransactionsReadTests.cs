using System.Text.Json;
using Paystack.Host.Tests.Protocol;
using Paystack.Host.Tests.Read;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Streams;

/// <summary>The child stream: the transactions of every settlement the run lists, each naming its settlement.</summary>
public sealed class SettlementTransactionsReadTests() : SandboxedReadTests(RecentSettlements())
{
    private const string Stream = "settlement_transactions";

    /// <summary>Thirty settlements over the last 300 days, so a lookback holds some of them and not others.</summary>
    private static SandboxOptions RecentSettlements() => new()
    {
        Records = { ["settlement"] = 30, ["transaction"] = 400 },
        RecordsPerStream = 10,
        DataStart = DateTimeOffset.UtcNow.AddDays(-300),
        DataEnd = DateTimeOffset.UtcNow.AddHours(-1),
        TestRateLimit = 100_000,
    };

    private async Task<ReadTranscript> ReadAsync(params string[] args)
    {
        var result = await ReadCli.RunAsync(args);
        ProtocolSchema.AssertAllValid(result);
        Assert.True(result.ExitCode == 0, result.ToString());
        return new ReadTranscript(result);
    }

    /// <summary>The settlement ids whose transactions were asked for.</summary>
    private HashSet<string> SettlementsRead() => Sandbox.Requests.Entries
        .Where(r => r.StatusCode == 200 && r.Path.StartsWith("settlement/", StringComparison.Ordinal))
        .Select(r => r.Path.Split('/')[1])
        .ToHashSet();

    /// <summary>Every record once, under the settlement that holds it, and exactly the transactions of those settlements.</summary>
    private void AssertRecordsOf(ReadTranscript read, IReadOnlyCollection<string> settlements)
    {
        var records = read.Records(Stream).Select(r => r.Record.GetProperty("data")).ToList();
        var ids = records.Select(r => r.GetProperty("id").GetRawText()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var expected = settlements.SelectMany(s => Sandbox.Store.SettlementTransactionIds(s)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), ids.Order());
        foreach (var record in records)
        {
            var settlement = record.GetProperty("settlement_id").GetRawText();
            Assert.Contains(record.GetProperty("id").GetRawText(), Sandbox.Store.SettlementTransactionIds(settlement));
            var createdAt = Sandbox.Store.CreatedAt("settlement", settlement); // Paystack writes milliseconds
            Assert.Equal(createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), record.GetProperty("settlement_createdAt").GetString());
        }
        RecordSchemaCheck.AssertMatches(Stream, records);
    }

    [Fact]
    public async Task Full_refresh_reads_the_transactions_of_every_settlement()
    {
        var read = await ReadAsync("--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", Files.Catalog((Stream, "full_refresh")));

        var settlements = Sandbox.Store.Ids("settlement");
        Assert.Equal(30, settlements.Count);
        Assert.Equal(settlements.ToHashSet(), SettlementsRead());
        AssertRecordsOf(read, settlements);
        Assert.Equal(["STARTED", "RUNNING", "COMPLETE"], read.Statuses(Stream));
        Assert.Empty(read.Errors);
    }

    [Fact]
    public async Task Incremental_reads_again_only_the_settlements_in_the_lookback_and_the_new_ones()
    {
        const int lookbackDays = 20;
        var config = Files.Config(Key, Sandbox.BaseUrl, lookbackDays: lookbackDays);
        var catalog = Files.Catalog((Stream, "incremental"));
        var first = await ReadAsync("--config", config, "--catalog", catalog);
        AssertRecordsOf(first, Sandbox.Store.Ids("settlement"));
        first.AssertStatesFollowTheirRecords(Stream);
        var cursor = ReadTranscript.ParseTime(first.States(Stream)[^1].Cursor!);

        var added = Sandbox.Store.Add("settlement", cursor.AddSeconds(1)); // pays out what came after the last one
        await LookbackRecords.WaitUntilPastAsync(cursor);
        Sandbox.Requests.Clear();
        var second = await ReadAsync("--config", config, "--catalog", catalog, "--state", Files.Write("state.json", first.NextStateJson()));

        var expected = Sandbox.Store.Ids("settlement", cursor.AddDays(-lookbackDays)).ToHashSet();
        Assert.Contains(added, expected);
        Assert.True(expected.Count < 30, $"{expected.Count} settlements in the lookback: the test needs older ones outside it");
        Assert.Equal(expected, SettlementsRead());
        AssertRecordsOf(second, expected);
    }
}
