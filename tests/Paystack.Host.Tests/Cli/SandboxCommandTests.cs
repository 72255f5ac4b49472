using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Paystack.Host.Tests.Cli;

/// <summary><c>paystack-sync sandbox --accounts N</c>: a sandbox process serving N more accounts, each under its own key.</summary>
public sealed partial class SandboxCommandTests
{
    [Fact]
    public async Task The_sandbox_verb_serves_and_prints_every_accounts_key()
    {
        await using var sandbox = RunningCli.Start(["sandbox", "--port", "0", "--records", "5", "--accounts", "2"]);
        var baseUrl = await BaseUrlAsync(sandbox);

        Assert.Contains("account key: sk_test_account01", sandbox.Stdout);
        Assert.Contains("account key: sk_test_account02", sandbox.Stdout);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(baseUrl, "sk_test_account02"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(baseUrl, "sk_test_sandbox"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(baseUrl, "sk_test_account03"));
        Assert.Equal(0, await sandbox.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<Uri> BaseUrlAsync(RunningCli sandbox)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && !sandbox.HasExited)
        {
            if (sandbox.Stdout.Contains("Press Ctrl+C", StringComparison.Ordinal))
                return new Uri(ListeningOn().Match(sandbox.Stdout).Groups["url"].Value);
            await Task.Delay(100); // the process prints when it listens; nothing to await but its output
        }
        throw new TimeoutException($"The sandbox did not start: {sandbox.Stdout}{sandbox.Stderr}");
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri baseUrl, string key)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync("customer");
        return response.StatusCode;
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningOn();
}
