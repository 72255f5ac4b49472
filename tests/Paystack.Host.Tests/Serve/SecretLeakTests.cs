using System.Net.Http.Json;
using Paystack.Host.Admin;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

[Collection(ServeCollection.Name)]
public sealed class SecretLeakTests
{
    [Fact]
    public async Task The_log_of_a_whole_run_with_faults_never_contains_the_key()
    {
        var key = "sk_test_" + Guid.NewGuid().ToString("N");
        await using var environment = await ServeEnvironment.StartAsync(sandbox =>
        {
            sandbox.TestKey = key;
            sandbox.Faults.ServerErrorRate = 0.15;
            sandbox.Faults.ResetRate = 0.05;
            sandbox.Faults.TruncatedRate = 0.05;
            sandbox.Faults.HtmlErrorRate = 0.05;
        });
        var captured = new LockedStringWriter();
        await using (var host = await ServeHost.StartAsync(environment.Options(extra: ["--log-level", "verbose"]), captured))
        {
            using var client = ServeEnvironment.Client(host.Addresses[0]);
            var done = await ServeEnvironment.WaitForAsync(client, s => s.CurrentRun is null && s.LastRun is not null, TimeSpan.FromSeconds(90));
            Assert.True(done.Streams.Sum(s => s.Retries) > 0, "the faults caused no retry");

            var ring = await client.GetFromJsonAsync<AdminModels.LogLines>("admin/logs?n=2000");
            Assert.NotEmpty(ring!.Lines);
            Assert.DoesNotContain(ring.Lines, line => line.Contains(key[8..], StringComparison.Ordinal));
        }

        var log = captured.ToString();
        Assert.Contains("Run ", log);
        Assert.DoesNotContain(key[8..], log);
    }
}
