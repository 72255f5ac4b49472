using System.Text;
using System.Text.Json;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Logging;
using Serilog.Events;

namespace Paystack.Actors.Tests.Airbyte;

/// <summary>Logs as Airbyte LOG messages, through the writer of the protocol messages.</summary>
public sealed class AirbyteLogSinkTests
{
    [Fact]
    public void Log_events_become_log_messages_with_the_level_text_and_stack_trace_and_the_key_masked()
    {
        using var stream = new MemoryStream();
        using (var writer = new AirbyteMessageWriter(stream))
        {
            var redactor = new SecretRedactor(["sk_test_sinkkey0001"]);
            using var logger = PaystackLogging.CreateLogger(new LogOptions
            {
                MinimumLevel = LogEventLevel.Debug, Sink = new AirbyteLogSink(writer), Redactor = redactor,
            });
            logger.Debug("Page {Page} of {Stream}", 3, "transactions");
            logger.Warning(new InvalidOperationException("boom with sk_test_sinkkey0001"), "Retrying {Stream}", "customers");
        }

        var logs = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(m => { Assert.Equal("LOG", m.GetProperty("type").GetString()); return m.GetProperty("log"); })
            .ToList();
        Assert.Equal(2, logs.Count);
        Assert.Equal("DEBUG", logs[0].GetProperty("level").GetString());
        Assert.Equal("Page 3 of transactions", logs[0].GetProperty("message").GetString());
        Assert.Equal("WARN", logs[1].GetProperty("level").GetString());
        Assert.Equal("Retrying customers", logs[1].GetProperty("message").GetString());
        var trace = logs[1].GetProperty("stack_trace").GetString()!;
        Assert.Contains("InvalidOperationException", trace);
        Assert.DoesNotContain("sk_test_sinkkey0001", trace);
    }

    [Fact]
    public async Task Logs_and_records_written_at_once_from_many_threads_never_share_a_line()
    {
        using var stream = new MemoryStream();
        using (var writer = new AirbyteMessageWriter(stream))
        {
            var sink = new AirbyteLogSink(writer);
            using var logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
            var loggers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++) logger.Information("thread {Thread} line {Line} {Padding}", t, i, new string('x', 200));
            }));
            var records = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 500; i++) writer.WriteRecord("transactions", $$"""{"id":{{t * 1000 + i}},"note":"{{new string('y', 300)}}"}""", 1);
            }));
            await Task.WhenAll(loggers.Concat(records));
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4000, lines.Length);
        var types = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(2000, types.Count(t => t == "LOG"));
        Assert.Equal(2000, types.Count(t => t == "RECORD"));
    }
}
