using Paystack.Actors.Paystack;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Protocol;
using Paystack.Host.Tests.Read;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Streams;

/// <summary>The added streams read end to end: the built executable's <c>read</c> against the sandbox over HTTP.</summary>
public sealed class AddedStreamReadTests() : SandboxedReadTests(new SandboxOptions { RecordsPerStream = RecordsPerStream, TestRateLimit = 100_000 })
{
    private const int RecordsPerStream = 40;

    private async Task<ReadTranscript> ReadAsync(params string[] args)
    {
        var result = await ReadCli.RunAsync(args);
        ProtocolSchema.AssertAllValid(result);
        Assert.DoesNotContain(Key, result.Stdout + result.Stderr);
        Assert.True(result.ExitCode == 0, result.ToString());
        return new ReadTranscript(result);
    }

    [Fact]
    public async Task Full_refresh_emits_every_record_of_every_added_stream_exactly_once()
    {
        var catalog = Files.Catalog(AddedStreams.Names.Select(s => (s, "full_refresh")).ToArray());

        var read = await ReadAsync("--config", Files.Config(Key, Sandbox.BaseUrl), "--catalog", catalog);

        Assert.Empty(read.Errors);
        foreach (var (stream, path, _) in AddedStreams.All)
        {
            var ids = read.RecordIds(stream);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(Sandbox.Store.Ids(path).Order(), ids.Order());
            Assert.Equal(RecordsPerStream, ids.Count);
            Assert.All(ids, id => Assert.True(long.Parse(id) > int.MaxValue, $"{stream}: id {id} fits in Int32"));
            Assert.Equal(["STARTED", "RUNNING", "COMPLETE"], read.Statuses(stream));
            RecordSchemaCheck.AssertMatches(stream, read.Records(stream).Select(r => r.Record.GetProperty("data")));
        }
        // Endpoints without a creation-time filter are read as one window, never with from/to.
        foreach (var (_, path, incremental) in AddedStreams.All.Where(s => !s.Incremental))
            Assert.All(Sandbox.Requests.Entries.Where(r => r.Path == path),
                r => Assert.DoesNotContain("from=", r.QueryString, StringComparison.Ordinal));
        // Unpaged endpoints answer with everything at once: one request, with no paging parameters.
        foreach (var (stream, path, _) in AddedStreams.All.Where(s => StreamCatalog.Get(s.Name).Paging.Kind == PagingKind.None))
            Assert.Equal("", Assert.Single(Sandbox.Requests.Entries, r => r.Path == path).QueryString);
    }

    [Fact]
    public async Task Incremental_state_makes_the_next_read_return_only_the_lookback_and_new_records()
    {
        const int lookbackDays = 3;
        var streams = AddedStreams.IncrementalNames.ToArray();
        var config = Files.Config(Key, Sandbox.BaseUrl, lookbackDays: lookbackDays);
        var catalog = Files.Catalog(streams.Select(s => (s, "incremental")).ToArray());

        var first = await ReadAsync("--config", config, "--catalog", catalog);

        var cursors = new Dictionary<string, DateTimeOffset>();
        var added = new Dictionary<string, LookbackRecords>();
        foreach (var stream in streams)
        {
            var path = AddedStreams.PathOf(stream);
            Assert.Equal(Sandbox.Store.Ids(path).Order(), first.RecordIds(stream).Order());
            first.AssertStatesFollowTheirRecords(stream);
            var cursor = cursors[stream] = ReadTranscript.ParseTime(first.States(stream)[^1].Cursor!);
            added[stream] = LookbackRecords.AddAround(Sandbox.Store, path, cursor, lookbackDays);
        }
        await LookbackRecords.WaitUntilPastAsync(cursors.Values.Max());
        var state = Files.Write("state.json", first.NextStateJson());

        var second = await ReadAsync("--config", config, "--catalog", catalog, "--state", state);

        foreach (var stream in streams)
        {
            var ids = second.RecordIds(stream);
            Assert.Equal(Sandbox.Store.Ids(AddedStreams.PathOf(stream), cursors[stream].AddDays(-lookbackDays)).Order(), ids.Order());
            Assert.Contains(added[stream].InLookback, ids);
            Assert.Contains(added[stream].New, ids);
            Assert.DoesNotContain(added[stream].TooOld, ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            second.AssertStatesFollowTheirRecords(stream);
        }
    }

    [Fact]
    public async Task Discover_offers_each_added_stream_with_its_schema_and_only_its_sync_modes()
    {
        var result = await CliRunner.RunAsync("discover", "--config", Files.Config(Key, Sandbox.BaseUrl));

        Assert.Equal(0, result.ExitCode);
        ProtocolSchema.AssertAllValid(result);
        var streams = result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);
        foreach (var (name, _, incremental) in AddedStreams.All)
        {
            Assert.True(streams.TryGetValue(name, out var stream), $"{name} missing from discover");
            var modes = stream.GetProperty("supported_sync_modes").EnumerateArray().Select(m => m.GetString()).ToArray();
            Assert.Equal(incremental ? ["full_refresh", "incremental"] : ["full_refresh"], modes);
            var properties = stream.GetProperty("json_schema").GetProperty("properties");
            Assert.True(properties.TryGetProperty("id", out _), $"{name}: schema has no id");
            Assert.True(properties.EnumerateObject().Count() > 2, $"{name}: the schema declares little more than the key");
        }
    }
}
