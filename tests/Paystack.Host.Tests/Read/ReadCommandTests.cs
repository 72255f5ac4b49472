using System.Text.Json.Nodes;
using Paystack.Host.Tests.Protocol;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Read;

/// <summary><c>paystack-sync read</c> end to end: the built executable against the sandbox over HTTP.</summary>
public sealed class ReadCommandTests() : SandboxedReadTests(new SandboxOptions { RecordsPerStream = 60, TestRateLimit = 100_000 })
{
    private async Task<ReadTranscript> ReadAsync(params string[] args)
    {
        var result = await ReadCli.RunAsync(args);
        return Checked(result);
    }

    private ReadTranscript Checked(Cli.CliResult result)
    {
        ProtocolSchema.AssertAllValid(result);
        Assert.True(result.Stderr.Length == 0, $"read wrote to stderr:\n{result.Stderr}"); // logs are LOG messages on stdout
        Assert.DoesNotContain(Key, result.Stdout + result.Stderr);
        return new ReadTranscript(result);
    }

    [Fact]
    public async Task Estimates_of_each_streams_rows_come_before_it_completes_and_end_near_the_truth()
    {
        // Small pages and windows: each stream learns its size over several progress reports.
        var environment = new Dictionary<string, string?>(ReadCli.FastEngine)
        {
            ["PAYSTACK_SYNC__ENGINE__PAGE_SIZE"] = "5",
            ["PAYSTACK_SYNC__ENGINE__WINDOW_LENGTH"] = "90d",
        };
        var catalog = Files.Catalog(("transactions", "full_refresh"), ("refunds", "incremental"));

        var read = Checked(await Cli.CliRunner.RunAsync(["read", "--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog], environment));

        Assert.True(read.Result.ExitCode == 0, read.Result.ToString());
        foreach (var stream in new[] { "transactions", "refunds" })
        {
            var estimates = read.Estimates(stream);
            Assert.NotEmpty(estimates);
            var rows = read.RecordIds(stream).Count;
            var last = estimates[^1].Rows;
            Assert.True(Math.Abs(rows - last) <= last * 0.1, $"{stream}: last estimate {last}, {rows} rows");
            var complete = read.StatusLine(stream, "COMPLETE");
            Assert.All(estimates, e => Assert.True(e.Line < complete));
        }
    }

    [Fact]
    public async Task Full_refresh_emits_every_record_of_every_selected_stream_exactly_once()
    {
        // Engine settings from a HOCON file alone, with no environment overrides.
        var hocon = Files.Write("fast.conf", """
            paystack-sync.rate-limits.test-requests = 100000
            paystack-sync.engine { window-length = 200d, settle-delay = 0s }
            """);
        var catalog = Files.Catalog(ReadStreams.All.Select(s => (s, "full_refresh")).ToArray());

        var result = await ReadCli.RunWithoutOverridesAsync(
            "--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog, "--hocon", hocon);
        var read = Checked(result);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(read.Errors);
        foreach (var stream in ReadStreams.All)
        {
            var ids = read.RecordIds(stream);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(Sandbox.Store.Ids(ReadStreams.PathOf[stream]).Order(), ids.Order());
            Assert.Equal(60, ids.Count);
            Assert.Equal(["STARTED", "RUNNING", "COMPLETE"], read.Statuses(stream));
            read.AssertStatesFollowTheirRecords(stream);
        }
    }

    [Fact]
    public async Task Incremental_state_of_one_run_makes_the_next_read_only_what_is_new_plus_the_lookback()
    {
        const int lookbackDays = 3;
        string[] streams = ["customers", "invoices", "transactions"];
        var config = Files.Config(Key, Sandbox.BaseUrl, lookbackDays: lookbackDays);
        var catalog = Files.Catalog(streams.Select(s => (s, "incremental")).ToArray());

        var first = await ReadAsync("--config", config, "--catalog", catalog);

        Assert.True(first.Result.ExitCode == 0, first.Result.ToString());
        var cursors = new Dictionary<string, DateTimeOffset>();
        foreach (var stream in streams)
        {
            Assert.Equal(Sandbox.Store.Ids(ReadStreams.PathOf[stream]).Order(), first.RecordIds(stream).Order());
            first.AssertStatesFollowTheirRecords(stream);
            cursors[stream] = ReadTranscript.ParseTime(first.States(stream)[^1].Cursor!);
        }

        // Between the runs: a record inside the lookback, one just before it, and one created after the cursor.
        var added = streams.ToDictionary(
            stream => stream,
            stream => LookbackRecords.AddAround(Sandbox.Store, ReadStreams.PathOf[stream], cursors[stream], lookbackDays));
        await LookbackRecords.WaitUntilPastAsync(cursors.Values.Max());
        var state = Files.Write("state.json", first.NextStateJson());

        var second = await ReadAsync("--config", config, "--catalog", catalog, "--state", state);

        Assert.True(second.Result.ExitCode == 0, second.Result.ToString());
        foreach (var stream in streams)
        {
            var path = ReadStreams.PathOf[stream];
            var ids = second.RecordIds(stream);
            Assert.Equal(Sandbox.Store.Ids(path, cursors[stream].AddDays(-lookbackDays)).Order(), ids.Order());
            Assert.Contains(added[stream].InLookback, ids);
            Assert.Contains(added[stream].New, ids);
            Assert.DoesNotContain(added[stream].TooOld, ids);
            Assert.Equal(2, ids.Count);
            second.AssertStatesFollowTheirRecords(stream);
            Assert.True(ReadTranscript.ParseTime(second.States(stream)[^1].Cursor!) >= cursors[stream], $"{stream}: the state went back");
        }
    }

    [Fact]
    public async Task A_state_from_the_future_yields_no_records_and_keeps_its_cursor()
    {
        var catalog = Files.Catalog(ReadStreams.All.Select(s => (s, "incremental")).ToArray());
        // The future state of Airbyte's acceptance tests (reference fixture abnormal_state.json), rebuilt here.
        var state = Files.Write("abnormal_state.json", AbnormalState());

        var read = await ReadAsync("--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog, "--state", state);

        Assert.True(read.Result.ExitCode == 0, read.Result.ToString());
        Assert.Equal(0, read.RecordCount);
        foreach (var stream in ReadStreams.All)
        {
            Assert.Equal(["STARTED", "COMPLETE"], read.Statuses(stream));
            var last = read.States(stream)[^1];
            Assert.Equal("2099-01-01T00:00:00.000Z", last.Cursor);
            Assert.Equal(0, last.RecordCount);
        }
        Assert.Equal(0, Sandbox.Requests.Count());
    }

    [Fact]
    public async Task A_legacy_dict_state_is_understood()
    {
        var customersFrom = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var invoicesFrom = new DateTimeOffset(2023, 9, 15, 12, 0, 0, TimeSpan.Zero);
        var state = Files.Write("legacy.json", $$"""
            {
              "customers": { "createdAt": "{{customersFrom:yyyy-MM-ddTHH:mm:ssZ}}" },
              "invoices": { "created_at": "{{invoicesFrom:yyyy-MM-ddTHH:mm:ssZ}}" }
            }
            """);
        var catalog = Files.Catalog(("customers", "incremental"), ("invoices", "incremental"), ("refunds", "incremental"));

        var read = await ReadAsync("--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog, "--state", state);

        Assert.True(read.Result.ExitCode == 0, read.Result.ToString());
        Assert.Equal(Sandbox.Store.Ids("customer", customersFrom).Order(), read.RecordIds("customers").Order());
        Assert.Equal(Sandbox.Store.Ids("paymentrequest", invoicesFrom).Order(), read.RecordIds("invoices").Order());
        Assert.Equal(Sandbox.Store.Ids("refund").Order(), read.RecordIds("refunds").Order()); // no state: from start_date
        Assert.InRange(read.RecordIds("customers").Count, 1, 59);
        Assert.InRange(read.RecordIds("invoices").Count, 1, 59);
    }

    [Fact]
    public async Task A_rejected_key_fails_every_stream_with_a_config_error_and_exits_1()
    {
        const string wrongKey = "sk_test_wrongkey123";
        var catalog = Files.Catalog(("customers", "incremental"), ("transfers", "full_refresh"));

        var result = await ReadCli.RunAsync("--config", Files.Config(wrongKey, Sandbox.BaseUrl), "--catalog", catalog);
        var read = Checked(result);

        Assert.Equal(1, result.ExitCode); // the input was accepted; the streams failed
        Assert.DoesNotContain(wrongKey, result.Stdout + result.Stderr);
        Assert.Equal(0, read.RecordCount);
        Assert.True(Sandbox.Requests.Count(status: 401) > 0);
        foreach (var stream in new[] { "customers", "transfers" })
        {
            Assert.Equal("INCOMPLETE", read.Statuses(stream)[^1]);
            var error = Assert.Single(read.Errors, e => e.TryGetProperty("stream_descriptor", out var d) && d.GetProperty("name").GetString() == stream);
            Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
            Assert.Contains("secret key was rejected", error.GetProperty("message").GetString());
        }
        var last = read.Result.Messages[^1];
        Assert.Equal("TRACE", last.GetProperty("type").GetString());
        var summary = last.GetProperty("trace").GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("did not sync successfully", summary);
        Assert.Contains("customers", summary);
        Assert.Contains("transfers", summary);
    }

    private static string AbnormalState() => new JsonArray(ReadStreams.All.Select(s => (JsonNode)new JsonObject
    {
        ["type"] = "STREAM",
        ["stream"] = new JsonObject
        {
            ["stream_state"] = new JsonObject { [ReadStreams.CursorFieldOf(s)] = "2099-01-01T00:00:00.000Z" },
            ["stream_descriptor"] = new JsonObject { ["name"] = s },
        },
    }).ToArray()).ToJsonString();
}
