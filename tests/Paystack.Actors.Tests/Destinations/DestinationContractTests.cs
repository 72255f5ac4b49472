using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>
/// What every destination promises, run against each one by a deriving class. Rows are always read back through a
/// separate reader (another connection), so the tests see what a user querying the database would see.
/// </summary>
public abstract class DestinationContractTests : IAsyncLifetime
{
    private readonly List<IDestination> _opened = [];

    /// <summary>A destination over this test's storage; a second call gives a new instance over the same storage.</summary>
    protected abstract Task<IDestination> CreateDestinationCoreAsync();

    /// <summary>The table's rows in insertion order, read through another connection; empty when it does not exist.</summary>
    protected abstract Task<IReadOnlyList<TableRow>> ReadTableAsync(string table);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var destination in _opened)
        {
            await destination.DisposeAsync();
        }
    }

    protected async Task<IDestination> CreateDestinationAsync()
    {
        var destination = await CreateDestinationCoreAsync();
        _opened.Add(destination);
        return destination;
    }

    private static readonly StreamDefinition Transactions = TestRecords.Stream("transactions");
    private static CancellationToken Ct => CancellationToken.None;

    [DestinationFact]
    public async Task Append_adds_every_record_as_a_new_row()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1), TestRecords.Make(2)], null, Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(2, 200), TestRecords.Make(3)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        var rows = await ReadTableAsync("transactions");
        Assert.Equal(["1", "2", "2", "3"], rows.Select(r => r.Id).Order());
        Assert.All(rows, r => Assert.Equal("run-1", r.RunId));
        Assert.Equal([100, 200], rows.Where(r => r.Id == "2").Select(r => r.Amount).Order());
    }

    [DestinationFact]
    public async Task A_row_keeps_the_cursor_value_as_sent_and_the_raw_record()
    {
        var destination = await CreateDestinationAsync();
        var record = TestRecords.Make(7, 4242);
        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-1", Ct);
        await destination.WriteAsync(Transactions, [record], null, Ct);

        var row = Assert.Single(await ReadTableAsync("transactions"));
        Assert.Equal("7", row.Id);
        Assert.Equal(record.CursorValue, row.CreatedAt);
        Assert.Equal(4242, row.Amount);
        Assert.Contains("NGN", row.Json, StringComparison.Ordinal);
    }

    [DestinationFact]
    public async Task A_completed_write_is_visible_to_another_connection()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);

        await destination.WriteAsync(Transactions, TestRecords.Many(1, 3), null, Ct);
        Assert.Equal(3, (await ReadTableAsync("transactions")).Count);

        await destination.WriteAsync(Transactions, TestRecords.Many(4, 2), null, Ct);
        Assert.Equal(5, (await ReadTableAsync("transactions")).Count);
    }

    [DestinationFact]
    public async Task Dedupe_keeps_one_row_per_id_with_the_latest_record()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1, 1), TestRecords.Make(2, 1)], null, Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(2, 2), TestRecords.Make(3, 1)], null, Ct);
        // One batch repeating an id: the last one wins and the batch is not rejected.
        await destination.WriteAsync(Transactions, [TestRecords.Make(3, 2), TestRecords.Make(4, 1), TestRecords.Make(3, 3)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        var rows = (await ReadTableAsync("transactions")).ToDictionary(r => r.Id);
        Assert.Equal(["1", "2", "3", "4"], rows.Keys.Order());
        Assert.Equal(1, rows["1"].Amount);
        Assert.Equal(2, rows["2"].Amount);
        Assert.Equal(3, rows["3"].Amount);

        // A later run updates in place and stamps its own run id.
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-2", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1, 9)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        rows = (await ReadTableAsync("transactions")).ToDictionary(r => r.Id);
        Assert.Equal(4, rows.Count);
        Assert.Equal(9, rows["1"].Amount);
        Assert.Equal("run-2", rows["1"].RunId);
        Assert.Equal("run-1", rows["2"].RunId);
    }

    [DestinationFact]
    public async Task Overwrite_replaces_the_table_only_when_the_stream_completes()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await destination.WriteAsync(Transactions, TestRecords.Many(1, 3, amount: 1), null, Ct);
        Assert.Empty(await ReadTableAsync("transactions"));
        await destination.CompleteStreamAsync(Transactions, null, Ct);
        Assert.Equal(["1", "2", "3"], (await ReadTableAsync("transactions")).Select(r => r.Id).Order());

        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-2", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(3, 2)], null, Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(4, 2)], null, Ct);

        // Until the stream completes a reader keeps seeing the whole old table.
        var before = await ReadTableAsync("transactions");
        Assert.Equal(["1", "2", "3"], before.Select(r => r.Id).Order());
        Assert.All(before, r => Assert.Equal("run-1", r.RunId));

        await destination.CompleteStreamAsync(Transactions, null, Ct);

        var after = await ReadTableAsync("transactions");
        Assert.Equal(["3", "4"], after.Select(r => r.Id).Order());
        Assert.All(after, r => Assert.Equal(("run-2", 2), (r.RunId, r.Amount)));
    }

    [DestinationFact]
    public async Task Readers_during_an_overwrite_see_the_whole_old_or_the_whole_new_table()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await destination.WriteAsync(Transactions, TestRecords.Many(1, 200), null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-2", Ct);
        await destination.WriteAsync(Transactions, TestRecords.Many(1000, 150), null, Ct);

        using var stop = new CancellationTokenSource();
        var seen = new List<(int Count, string Runs)>();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rows = await ReadTableAsync("transactions");
                seen.Add((rows.Count, string.Join(",", rows.Select(r => r.RunId).Distinct())));
                Interlocked.Increment(ref reads);
            }
        });

        await ReadsBeyondAsync(0);
        await destination.CompleteStreamAsync(Transactions, null, Ct);
        await ReadsBeyondAsync(Volatile.Read(ref reads) + 1); // one read that surely started after the swap
        await stop.CancelAsync();
        await reader;

        Assert.Contains((200, "run-1"), seen);
        Assert.Contains((150, "run-2"), seen);
        Assert.All(seen, s => Assert.True(s == (200, "run-1") || s == (150, "run-2"), $"a reader saw {s.Count} rows of runs {s.Runs}"));

        async Task ReadsBeyondAsync(int count)
        {
            while (Volatile.Read(ref reads) <= count && !reader.IsCompleted)
            {
                await Task.Delay(5);
            }

            if (reader.IsFaulted)
            {
                await reader;
            }
        }
    }

    [DestinationFact]
    public async Task Resuming_an_overwrite_with_the_same_run_id_keeps_its_staged_rows()
    {
        var crashed = await CreateDestinationAsync();
        await crashed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await crashed.WriteAsync(Transactions, TestRecords.Many(1, 2), null, Ct);
        await crashed.DisposeAsync(); // the process dies before the stream completes

        var resumed = await CreateDestinationAsync();
        await resumed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        // The resumed run re-sends a page whose checkpoint was lost: it must not duplicate rows.
        await resumed.WriteAsync(Transactions, TestRecords.Many(2, 2), null, Ct);
        await resumed.CompleteStreamAsync(Transactions, null, Ct);

        Assert.Equal(["1", "2", "3"], (await ReadTableAsync("transactions")).Select(r => r.Id).Order());
    }

    [DestinationFact]
    public async Task Completing_an_overwrite_again_after_a_crash_keeps_the_swapped_table()
    {
        var crashed = await CreateDestinationAsync();
        await crashed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await crashed.WriteAsync(Transactions, TestRecords.Many(1, 3), null, Ct);
        await crashed.CompleteStreamAsync(Transactions, null, Ct);
        await crashed.DisposeAsync(); // swapped, but the process dies before the engine records the run as complete

        var resumed = await CreateDestinationAsync();
        await resumed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await resumed.CompleteStreamAsync(Transactions, null, Ct);

        Assert.Equal(["1", "2", "3"], (await ReadTableAsync("transactions")).Select(r => r.Id).Order());
    }

    [DestinationFact]
    public async Task A_new_run_id_discards_an_unfinished_overwrite()
    {
        var crashed = await CreateDestinationAsync();
        await crashed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await crashed.WriteAsync(Transactions, TestRecords.Many(1, 2), null, Ct);
        await crashed.DisposeAsync();

        var next = await CreateDestinationAsync();
        await next.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-2", Ct);
        await next.WriteAsync(Transactions, [TestRecords.Make(5)], null, Ct);
        await next.CompleteStreamAsync(Transactions, null, Ct);

        var row = Assert.Single(await ReadTableAsync("transactions"));
        Assert.Equal(("5", "run-2"), (row.Id, row.RunId));
    }

    [DestinationFact]
    public async Task Switching_a_stream_from_append_to_dedupe_keeps_the_latest_row_per_id()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1, 1), TestRecords.Make(2, 1)], null, Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1, 2)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-2", Ct);
        var rows = (await ReadTableAsync("transactions")).ToDictionary(r => r.Id);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows["1"].Amount);

        await destination.WriteAsync(Transactions, [TestRecords.Make(2, 5)], null, Ct);
        Assert.Equal(5, (await ReadTableAsync("transactions")).Single(r => r.Id == "2").Amount);
    }

    [DestinationFact]
    public async Task Switching_a_stream_back_to_append_accepts_repeated_ids()
    {
        var destination = await CreateDestinationAsync();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);

        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-2", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1, 2), TestRecords.Make(1, 3)], null, Ct);

        Assert.Equal(3, (await ReadTableAsync("transactions")).Count(r => r.Id == "1"));
    }

    [DestinationFact]
    public async Task Streams_begin_and_write_their_own_tables_concurrently()
    {
        var destination = await CreateDestinationAsync();
        var streams = new[] { "customers", "refunds", "settlements", "transfers" }.Select(TestRecords.Stream).ToArray();
        await Task.WhenAll(streams.Select(async stream =>
        {
            await destination.BeginStreamAsync(stream, WriteMode.AppendDedup, "run-1", Ct);
            for (var batch = 0; batch < 5; batch++)
            {
                await destination.WriteAsync(stream, TestRecords.Many(batch * 20, 20), null, Ct);
            }
        }));

        foreach (var stream in streams)
        {
            Assert.Equal(100, (await ReadTableAsync(stream.Name)).Select(r => r.Id).Distinct().Count());
        }
    }

    [DestinationFact]
    public async Task A_stream_name_with_quotes_stays_one_quoted_table_name()
    {
        var destination = await CreateDestinationAsync();
        var odd = TestRecords.Stream("odd\"name; DROP TABLE x --");
        await destination.BeginStreamAsync(odd, WriteMode.AppendDedup, "run-1", Ct);
        await destination.WriteAsync(odd, [TestRecords.Make(1)], null, Ct);

        Assert.Single(await ReadTableAsync(odd.Name));
    }

    [DestinationFact]
    public async Task Writing_a_stream_that_was_not_begun_fails_with_a_clear_message()
    {
        var destination = await CreateDestinationAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct));
        Assert.Contains("BeginStreamAsync", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => destination.CompleteStreamAsync(Transactions, null, Ct));
    }
}
