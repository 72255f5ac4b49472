using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;
using Paystack.Host.Tests.Read;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Streams;

/// <summary>
/// Streams read by following <c>meta.next</c>: pages small enough that every endpoint takes several, each asked for with
/// the endpoint's own parameter names, to the last page and no further.
/// </summary>
public sealed class CursorPagedStreamReadTests() : SandboxedReadTests(new SandboxOptions { RecordsPerStream = Records, TestRateLimit = 100_000 })
{
    private const int Records = 40;
    private const int PageSize = 7;

    /// <summary>Stream, endpoint path, and the query every page after the first must carry (the endpoint's own words).</summary>
    public static TheoryData<string, string, string, string> Streams => new()
    {
        { "transfer_recipients", "transferrecipient", $"perPage={PageSize}&use_cursor=true", "&next=" },
        { "banks", "bank", $"perPage={PageSize}&use_cursor=true", "&next=" },
        { "terminals", "terminal", $"per_page={PageSize}", "&next=" },
        { "direct_debit_mandates", "directdebit/mandate-authorizations", $"per_page={PageSize}", "&cursor=" },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Pages_by_cursor_to_the_end_with_every_record_exactly_once(string stream, string path, string query, string cursorParameter)
    {
        var environment = new Dictionary<string, string?>(ReadCli.FastEngine) { ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = PageSize.ToString() };
        var catalog = Files.Catalog((stream, "full_refresh"));

        var result = await CliRunner.RunAsync(["read", "--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        ProtocolSchema.AssertAllValid(result);
        var read = new ReadTranscript(result);
        var ids = read.RecordIds(stream);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Sandbox.Store.Ids(path).Order(), ids.Order());
        RecordSchemaCheck.AssertMatches(stream, read.Records(stream).Select(r => r.Record.GetProperty("data")));

        var pages = Sandbox.Requests.Entries.Where(r => r.Path == path).Select(r => r.QueryString).ToList();
        Assert.Equal((Records + PageSize - 1) / PageSize, pages.Count); // every page once, no page past the last
        Assert.Equal("?" + query, pages[0]);
        Assert.All(pages.Skip(1), page => Assert.StartsWith("?" + query + cursorParameter, page));
        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.All(pages, page => Assert.DoesNotContain("page=", page.Replace("per_page=", "").Replace("perPage=", "")));
    }
}
