using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Read;

/// <summary>The stdout of one <c>read</c>, taken apart: records, states and statuses per stream, in the order printed.</summary>
public sealed class ReadTranscript(CliResult result)
{
    public CliResult Result { get; } = result;

    public IReadOnlyList<(int Line, JsonElement Message)> Lines { get; } =
        result.Messages.Select((m, i) => (i, m)).ToList();

    public IEnumerable<(int Line, JsonElement Record)> Records(string stream) =>
        Lines.Where(l => Type(l.Message) == "RECORD")
            .Select(l => (l.Line, l.Message.GetProperty("record")))
            .Where(r => r.Item2.GetProperty("stream").GetString() == stream);

    public IReadOnlyList<string> RecordIds(string stream) =>
        Records(stream).Select(r => r.Record.GetProperty("data").GetProperty("id").GetRawText()).ToList();

    public int RecordCount => Lines.Count(l => Type(l.Message) == "RECORD");

    /// <summary>The stream's STATE messages: line, cursor text (null when the blob has none) and sourceStats.recordCount.</summary>
    public IReadOnlyList<(int Line, string? Cursor, double RecordCount)> States(string stream) =>
        Lines.Where(l => Type(l.Message) == "STATE")
            .Select(l => (l.Line, State: l.Message.GetProperty("state")))
            .Where(s => s.State.GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
            .Select(s => (s.Line,
                s.State.GetProperty("stream").GetProperty("stream_state").TryGetProperty(ReadStreams.CursorFieldOf(stream), out var c) ? c.GetString() : null,
                s.State.GetProperty("sourceStats").GetProperty("recordCount").GetDouble()))
            .ToList();

    public IReadOnlyList<string> Statuses(string stream) =>
        Traces("STREAM_STATUS")
            .Where(t => t.GetProperty("stream_status").GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
            .Select(t => t.GetProperty("stream_status").GetProperty("status").GetString()!)
            .ToList();

    /// <summary>The line of the stream's STREAM_STATUS trace with this status.</summary>
    public int StatusLine(string stream, string status) =>
        Lines.Single(l => Type(l.Message) == "TRACE"
                          && l.Message.GetProperty("trace").TryGetProperty("stream_status", out var s)
                          && s.GetProperty("stream_descriptor").GetProperty("name").GetString() == stream
                          && s.GetProperty("status").GetString() == status).Line;

    /// <summary>The <c>error</c> payloads of every ERROR trace.</summary>
    public IReadOnlyList<JsonElement> Errors => Traces("ERROR").Select(t => t.GetProperty("error")).ToList();

    /// <summary>The row estimates of a stream's ESTIMATE traces, with their lines, in the order printed.</summary>
    public IReadOnlyList<(int Line, long Rows)> Estimates(string stream) =>
        Lines.Where(l => Type(l.Message) == "TRACE" && l.Message.GetProperty("trace").GetProperty("type").GetString() == "ESTIMATE")
            .Select(l => (l.Line, Estimate: l.Message.GetProperty("trace").GetProperty("estimate")))
            .Where(e => e.Estimate.GetProperty("name").GetString() == stream)
            .Select(e => (e.Line, e.Estimate.GetProperty("row_estimate").GetInt64()))
            .ToList();

    /// <summary>The state to hand the next run: the last STATE message of every stream, as an array.</summary>
    public string NextStateJson()
    {
        var last = Lines.Where(l => Type(l.Message) == "STATE")
            .GroupBy(l => l.Message.GetProperty("state").GetProperty("stream").GetProperty("stream_descriptor").GetProperty("name").GetString())
            .Select(g => JsonNode.Parse(g.Last().Message.GetProperty("state").GetRawText())!)
            .ToArray();
        return new JsonArray(last).ToJsonString();
    }

    /// <summary>
    /// Every STATE comes after all of its stream's records created before its cursor, and the recordCounts of a
    /// stream's states add up to the RECORD lines printed for it, each state counting those since the previous one.
    /// </summary>
    public void AssertStatesFollowTheirRecords(string stream)
    {
        var records = Records(stream)
            .Select(r => (r.Line, Created: ParseTime(r.Record.GetProperty("data").GetProperty(ReadStreams.CursorFieldOf(stream)).GetString()!)))
            .ToList();
        var states = States(stream);
        Assert.NotEmpty(states);
        var previousLine = -1;
        foreach (var (line, cursor, count) in states)
        {
            Assert.Equal(records.Count(r => r.Line > previousLine && r.Line < line), (long)count);
            if (cursor is not null)
            {
                var covered = ParseTime(cursor);
                var late = records.Where(r => r.Created < covered && r.Line > line).ToList();
                Assert.True(late.Count == 0, $"{stream}: STATE at line {line} ({cursor}) comes before {late.Count} records it covers");
            }
            previousLine = line;
        }
        Assert.True(states[^1].Line > records.Select(r => r.Line).DefaultIfEmpty(-1).Max(), $"{stream}: records after its last STATE");
        Assert.Equal(records.Count, (long)states.Sum(s => s.RecordCount));
    }

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private IEnumerable<JsonElement> Traces(string type) =>
        Lines.Where(l => Type(l.Message) == "TRACE")
            .Select(l => l.Message.GetProperty("trace"))
            .Where(t => t.GetProperty("type").GetString() == type);

    private static string? Type(JsonElement message) => message.GetProperty("type").GetString();
}
