using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.InMemory;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>The destination contract against the in-memory destination the engine tests use.</summary>
public sealed class InMemoryDestinationTests : DestinationContractTests
{
    // One instance is the storage: a "restarted" destination is the same object, as in engine crash tests.
    private readonly InMemoryDestination _destination = new();

    protected override Task<IDestination> CreateDestinationCoreAsync() => Task.FromResult<IDestination>(_destination);

    protected override Task<IReadOnlyList<TableRow>> ReadTableAsync(string table) =>
        Task.FromResult<IReadOnlyList<TableRow>>(
            _destination.Rows(table).Select(r => new TableRow(r.Id, r.CursorValue, r.Json, r.RunId)).ToArray());

    [Fact]
    public async Task It_counts_writes_and_shows_staged_rows()
    {
        var stream = TestRecords.Stream("transactions");
        await _destination.BeginStreamAsync(stream, WriteMode.Overwrite, "run-1", CancellationToken.None);
        await _destination.WriteAsync(stream, TestRecords.Many(1, 3), null, CancellationToken.None);
        await _destination.WriteAsync(stream, TestRecords.Many(3, 2), null, CancellationToken.None);

        Assert.Equal(2, _destination.WriteCount);
        Assert.Equal(2, _destination.WriteCountFor("transactions"));
        Assert.Equal(5, _destination.RecordsWritten);
        Assert.Equal(4, _destination.StagedRows("transactions").Count);
        Assert.Empty(_destination.Ids("transactions"));
        Assert.False(_destination.IsCompleted("transactions"));

        await _destination.CompleteStreamAsync(stream, null, CancellationToken.None);
        Assert.Equal(["1", "2", "3", "4"], _destination.Ids("transactions").Order());
        Assert.True(_destination.IsCompleted("transactions"));
    }

    [Fact]
    public async Task A_failing_write_hook_leaves_the_rows_unchanged()
    {
        var stream = TestRecords.Stream("refunds");
        _destination.BeforeWriteAsync = (_, _, _) => throw new IOException("disk full");
        await _destination.BeginStreamAsync(stream, WriteMode.Append, "run-1", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => _destination.WriteAsync(stream, TestRecords.Many(1, 2), null, CancellationToken.None));
        Assert.Empty(_destination.Rows("refunds"));
        Assert.Equal(0, _destination.WriteCount);
    }
}
