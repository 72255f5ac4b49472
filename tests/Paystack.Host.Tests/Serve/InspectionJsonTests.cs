using System.Text.Json;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>Every inspection verb prints the admin endpoint's answer as JSON with <c>--json</c>, and only that.</summary>
[Collection(ServeCollection.Name)]
public sealed class InspectionJsonTests
{
    [Fact]
    public async Task Every_inspection_verb_prints_json_with_the_json_option()
    {
        await using var environment = await ServeEnvironment.StartAsync();
        await using var host = await ServeHost.StartAsync(environment.Options(streams: "transactions,customers"), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);
        await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
        var admin = new Dictionary<string, string?>
        {
            ["PAYSTACK_SYNC_ADMIN_URL"] = host.Addresses[0].ToString(), ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token,
        };

        var status = await JsonOf(["status", "--json"], admin);
        Assert.Equal(2, status.GetProperty("streams").GetArrayLength());
        var actors = await JsonOf(["actors", "--json"], admin);
        Assert.Contains(actors.GetProperty("actors").EnumerateArray(), a => a.GetString()!.StartsWith("/user/", StringComparison.Ordinal));
        var logs = await JsonOf(["logs", "-n", "5", "--json"], admin);
        Assert.InRange(logs.GetProperty("lines").GetArrayLength(), 1, 5);
        var pause = await JsonOf(["pause", "customers", "--json"], admin);
        Assert.True(pause.GetProperty("paused").GetBoolean());
        var resume = await JsonOf(["resume", "customers", "--json"], admin);
        Assert.False(resume.GetProperty("paused").GetBoolean());
        var trigger = await JsonOf(["trigger", "--json"], admin);
        Assert.True(trigger.GetProperty("started").GetBoolean());
        await ServeEnvironment.WaitForAsync(client, ServeEnvironment.LastRunSucceeded);
    }

    private static async Task<JsonElement> JsonOf(string[] args, IReadOnlyDictionary<string, string?> environment)
    {
        var result = await CliRunner.RunAsync(args, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }
}
