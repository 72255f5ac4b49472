using System.Text.Json;
using Paystack.Actors.Hosting;
using Paystack.Actors.Logging;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Tests.Logging;
using Serilog;
using Serilog.Events;

namespace Paystack.Actors.Tests.Sync;

[Collection(GlobalSerilogCollection.Name)]
public sealed class StreamLogPropertiesTests
{
    [Fact]
    public async Task Stream_log_events_carry_the_stream_the_run_and_the_window_as_properties()
    {
        await using var harness = await EngineHarness.StartAsync(EngineHarness.Sandboxed(recordsPerStream: 10));
        var output = new LockedStringWriter();
        var previous = Log.Logger;
        using var logger = PaystackLogging.CreateLogger(new LogOptions { Output = output, Format = LogFormat.CompactJson });
        PaystackLogging.UseAsGlobal(logger);
        try
        {
            await using (var host = await EngineHost.StartAsync(new EngineSystemOptions(harness.Settings, (o, g) => new PaystackClient(o, g))
                         { SystemName = "log-properties", InMemoryJournal = true, SerilogLevel = LogEventLevel.Information }))
            {
                var options = harness.ClientOptions with { SecretKey = "sk_test_notthekey" };
                var outcome = await host.Engine.RunAsync(EngineHarness.Job(SyncMode.FullRefresh, streams: ["customers"]), options, harness.Destination);
                Assert.False(outcome.Succeeded);
                // Akka hands log events to Serilog asynchronously.
                for (var i = 0; i < 100 && !output.ToString().Contains("stops", StringComparison.Ordinal); i++) await Task.Delay(50);
            }

            var events = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var planned = events.Single(e => e.GetProperty("@mt").GetString()!.StartsWith("Run {RunId} of {Stream}", StringComparison.Ordinal));
            var stopped = events.Single(e => e.GetProperty("@mt").GetString()!.StartsWith("Stream {Stream} stops", StringComparison.Ordinal));
            Assert.Equal("customers", planned.GetProperty("Stream").GetString());
            Assert.Equal("customers", stopped.GetProperty("Stream").GetString());
            Assert.Equal(planned.GetProperty("RunId").GetString(), stopped.GetProperty("RunId").GetString());
            Assert.StartsWith("[20", stopped.GetProperty("Window").GetString());
            Assert.DoesNotContain("notthekey", output.ToString());
        }
        finally
        {
            Log.Logger = previous;
        }
    }
}
