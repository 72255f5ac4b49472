using System.Text.Json;
using Paystack.Actors.Airbyte.Protocol;
using Paystack.Actors.Airbyte.Read;

namespace Paystack.Actors.Tests.Airbyte.Read;

/// <summary>An emitter writing to memory, and the lines it wrote, parsed.</summary>
internal sealed class ReadMessages : IDisposable
{
    private readonly StringWriter _text = new();
    private readonly AirbyteMessageWriter _writer;

    public ReadMessages(string? secret = null)
    {
        _writer = new AirbyteMessageWriter(_text);
        Emitter = new AirbyteReadEmitter(_writer, secret);
    }

    public AirbyteReadEmitter Emitter { get; }

    public IReadOnlyList<JsonElement> Lines
    {
        get
        {
            _writer.Flush();
            return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        }
    }

    /// <summary>Each line in short: "RECORD customers", "STATE customers 2024-01-01T00:00:00.000Z 2", "STATUS customers STARTED", ...</summary>
    public IReadOnlyList<string> Summary => Lines.Select(Describe).ToList();

    private static string Describe(JsonElement message)
    {
        switch (message.GetProperty("type").GetString())
        {
            case "RECORD":
                return $"RECORD {message.GetProperty("record").GetProperty("stream").GetString()}";
            case "STATE":
                var stream = message.GetProperty("state").GetProperty("stream");
                var blob = stream.GetProperty("stream_state");
                var cursor = blob.EnumerateObject().Select(p => p.Value.GetString()).FirstOrDefault() ?? "-";
                return $"STATE {stream.GetProperty("stream_descriptor").GetProperty("name").GetString()} {cursor} " +
                       $"{message.GetProperty("state").GetProperty("sourceStats").GetProperty("recordCount").GetDouble()}";
            case "LOG":
                return $"LOG {message.GetProperty("log").GetProperty("level").GetString()}";
            default:
                var trace = message.GetProperty("trace");
                if (trace.GetProperty("type").GetString() == "STREAM_STATUS")
                {
                    var status = trace.GetProperty("stream_status");
                    return $"STATUS {status.GetProperty("stream_descriptor").GetProperty("name").GetString()} {status.GetProperty("status").GetString()}";
                }
                if (trace.GetProperty("type").GetString() == "ESTIMATE")
                {
                    var estimate = trace.GetProperty("estimate");
                    return $"ESTIMATE {estimate.GetProperty("name").GetString()} {estimate.GetProperty("row_estimate").GetInt64()}";
                }
                var error = trace.GetProperty("error");
                var on = error.TryGetProperty("stream_descriptor", out var d) ? " " + d.GetProperty("name").GetString() : "";
                return $"ERROR{on} {error.GetProperty("failure_type").GetString()}";
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _text.Dispose();
    }
}
