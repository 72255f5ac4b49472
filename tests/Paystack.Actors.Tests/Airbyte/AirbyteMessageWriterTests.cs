using System.Text;
using System.Text.Json;
using Paystack.Actors.Airbyte.Catalog;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Spec;
using Paystack.Actors.Airbyte.State;
using Paystack.Actors.Paystack;

namespace Paystack.Actors.Tests.Airbyte;

public sealed class AirbyteMessageWriterTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1679327699964);

    private static string[] Lines(MemoryStream stream) =>
        Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string WriteOne(AirbyteMessage message)
    {
        using var stream = new MemoryStream();
        using (var writer = new AirbyteMessageWriter(stream))
            writer.Write(message);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text);
        Assert.Single(Lines(stream));
        return text.TrimEnd('\n');
    }

    [Fact]
    public void Writes_a_record_with_its_data_verbatim()
    {
        const string data = """{"id":4099260516,"amount":40333,"metadata":{"note":"Ada \u00e9 <b>"},"createdAt":"2024-08-22T09:14:24.000Z"}""";

        var line = WriteOne(AirbyteMessage.ForRecord("transactions", data, At));

        Assert.Equal("""{"type":"RECORD","record":{"stream":"transactions","data":""" + data + ""","emitted_at":1679327699964}}""", line);
    }

    [Fact]
    public void Keeps_a_pretty_printed_record_on_one_line()
    {
        const string data = "{\r\n  \"id\": 1,\n  \"note\": \"two\\nlines\"\n}";

        var line = WriteOne(AirbyteMessage.ForRecord("customers", data, At));

        using var parsed = JsonDocument.Parse(line);
        Assert.Equal("two\nlines", parsed.RootElement.GetProperty("record").GetProperty("data").GetProperty("note").GetString());
    }

    [Fact]
    public void Writes_per_stream_state_with_a_decimal_record_count()
    {
        var line = WriteOne(StateMessages.ForStream(StreamCatalog.Get("invoices"), "2023-03-16T12:38:47.000Z", 10));

        Assert.Equal(
            """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"invoices"},"stream_state":{"created_at":"2023-03-16T12:38:47.000Z"}},"sourceStats":{"recordCount":10.0}}}""",
            line);
    }

    [Fact]
    public void Writes_an_empty_blob_when_a_stream_has_no_cursor_yet()
    {
        var line = WriteOne(StateMessages.ForStream(StreamCatalog.Get("disputes"), null, 0));

        Assert.Contains("\"stream_state\":{}", line);
        Assert.Contains("\"recordCount\":0.0", line);
    }

    [Fact]
    public void Writes_connection_status_under_its_camel_case_name()
    {
        Assert.Equal("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"SUCCEEDED"}}""",
            WriteOne(AirbyteMessage.ForConnectionStatus(AirbyteConnectionStatus.Succeeded)));
        Assert.Equal("""{"type":"CONNECTION_STATUS","connectionStatus":{"status":"FAILED","message":"Key rejected"}}""",
            WriteOne(AirbyteMessage.ForConnectionStatus(AirbyteConnectionStatus.Failed("Key rejected"))));
    }

    [Fact]
    public void Writes_traces()
    {
        Assert.Equal(
            """{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1679327699964,"error":{"message":"bad key","failure_type":"config_error","stream_descriptor":{"name":"refunds"}}}}""",
            WriteOne(AirbyteMessage.ForError("bad key", FailureType.ConfigError, At, stream: "refunds")));
        Assert.Equal(
            """{"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1679327699964,"stream_status":{"stream_descriptor":{"name":"customers"},"status":"INCOMPLETE","reasons":[{"type":"RATE_LIMITED","rate_limited":{"quota_reset":1679327760000}}]}}}""",
            WriteOne(AirbyteMessage.ForStreamStatus("customers", AirbyteStreamStatus.Incomplete, At,
                [AirbyteStreamStatusReason.RateLimitedUntil(1679327760000)])));
        Assert.Equal(
            """{"type":"TRACE","trace":{"type":"ESTIMATE","emitted_at":1679327699964,"estimate":{"name":"transfers","type":"STREAM","row_estimate":7316}}}""",
            WriteOne(AirbyteMessage.ForEstimate("transfers", At, 7316)));
    }

    [Fact]
    public void Writes_logs()
    {
        Assert.Equal("""{"type":"LOG","log":{"level":"WARN","message":"slow down"}}""",
            WriteOne(AirbyteMessage.ForLog(AirbyteLogLevel.Warn, "slow down")));
    }

    [Fact]
    public void Writes_a_spec_and_a_catalog()
    {
        using var spec = JsonDocument.Parse(WriteOne(AirbyteMessage.ForSpec(SourceSpecification.Build())));
        Assert.Equal("SPEC", spec.RootElement.GetProperty("type").GetString());
        Assert.True(spec.RootElement.GetProperty("spec").GetProperty("connectionSpecification")
            .GetProperty("properties").GetProperty("secret_key").GetProperty("airbyte_secret").GetBoolean());

        using var catalog = JsonDocument.Parse(WriteOne(AirbyteMessage.ForCatalog(DiscoveredCatalog.Build())));
        Assert.Equal(StreamCatalog.All.Count, catalog.RootElement.GetProperty("catalog").GetProperty("streams").GetArrayLength());
    }

    [Fact]
    public void State_flushes_the_records_written_before_it()
    {
        var stream = new MemoryStream();
        using var writer = new AirbyteMessageWriter(stream);
        writer.WriteRecord("customers", """{"id":1}""", 1);
        Assert.Equal(0, stream.Length); // records wait in the buffer

        writer.Write(StateMessages.ForStream(StreamCatalog.Get("customers"), "2023-01-01T00:00:00.000Z", 1));

        var lines = Lines(stream);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("""{"type":"RECORD""", lines[0]);
        Assert.StartsWith("""{"type":"STATE""", lines[1]);
    }

    [Fact]
    public async Task Lines_never_interleave_when_many_threads_write()
    {
        var stream = new MemoryStream();
        using (var writer = new AirbyteMessageWriter(stream))
        {
            var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    writer.WriteRecord($"s{t}", $$"""{"id":{{i}},"pad":"{{new string('x', i % 300)}}"}""", i);
                    if (i % 500 == 0) writer.Write(AirbyteMessage.ForLog(AirbyteLogLevel.Info, $"thread {t} at {i}"));
                }
            }));
            await Task.WhenAll(tasks);
        }

        var lines = Lines(stream);
        Assert.Equal(8 * 2000 + 8 * 4, lines.Length);
        var perStream = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("type").GetString() != "RECORD") continue;
            var name = doc.RootElement.GetProperty("record").GetProperty("stream").GetString()!;
            var id = doc.RootElement.GetProperty("record").GetProperty("data").GetProperty("id").GetInt32();
            Assert.Equal(perStream.GetValueOrDefault(name), id); // each thread's records stay in order
            perStream[name] = id + 1;
        }
    }

    [Fact]
    public void Writes_to_a_text_writer()
    {
        var text = new StringWriter();
        using (var writer = new AirbyteMessageWriter(text))
            writer.WriteRecord("customers", """{"name":"Zoë"}""", 5);

        Assert.Equal("{\"type\":\"RECORD\",\"record\":{\"stream\":\"customers\",\"data\":{\"name\":\"Zoë\"},\"emitted_at\":5}}\n", text.ToString());
    }
}
