using Paystack.Host.Tests.Protocol;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Read;

/// <summary>
/// Airbyte records a source's standard error at ERROR level, so <c>read</c> keeps every log line on standard output
/// as a LOG message, even while the API fails and requests are retried.
/// </summary>
public sealed class ReadLogMessageTests() : SandboxedReadTests(new SandboxOptions
{
    RecordsPerStream = 40,
    TestRateLimit = 100_000,
    Faults = { ServerErrorRate = 0.15, ResetRate = 0.05, TruncatedRate = 0.05, HtmlErrorRate = 0.05, Seed = 7 },
})
{
    [Fact]
    public async Task A_read_through_faults_writes_only_valid_protocol_lines_logs_included_and_nothing_to_stderr()
    {
        var environment = new Dictionary<string, string?>(ReadCli.FastEngine)
        {
            ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = "5",
            ["PAYSTACK_SYNC__HTTP__RETRY_BASE_DELAY"] = "10ms",
            ["PAYSTACK_SYNC__HTTP__RETRY_MAX_DELAY"] = "50ms",
            ["PAYSTACK_SYNC__HTTP__MAX_RETRIES"] = "10",
        };
        var catalog = Files.Catalog(("customers", "incremental"), ("transactions", "full_refresh"));

        var result = await Cli.CliRunner.RunAsync(
            ["read", "--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog, "--log-level", "debug"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Stderr.Length == 0, $"stderr is not empty:\n{result.Stderr}");
        ProtocolSchema.AssertAllValid(result);
        Assert.True(Sandbox.Requests.Entries.Count(r => r.StatusCode >= 500 || r.StatusCode == 0) > 0, "the sandbox injected no faults");
        var logs = result.OfType("LOG").Select(m => m.GetProperty("log")).ToList();
        Assert.Contains(logs, l => l.GetProperty("level").GetString() == "INFO" && l.GetProperty("message").GetString()!.StartsWith("Reading "));
        Assert.Contains(logs, l => l.GetProperty("level").GetString() is "WARN" or "DEBUG");
        Assert.DoesNotContain(Key, result.Stdout);
        var read = new ReadTranscript(result);
        Assert.Equal(40, read.RecordIds("customers").Distinct().Count());
        Assert.Equal(40, read.RecordIds("transactions").Distinct().Count());
    }
}
