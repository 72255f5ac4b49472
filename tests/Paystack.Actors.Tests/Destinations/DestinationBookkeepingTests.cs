using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Paystack;
using Paystack.Actors.Tests.Destinations.Support;

namespace Paystack.Actors.Tests.Destinations;

/// <summary>
/// What a database destination keeps of its own (its id, each table's progress) and its lease, run against each one by
/// a deriving class. Every "second process" here is a second destination instance over the same storage.
/// </summary>
public abstract class DestinationBookkeepingTests : IAsyncLifetime
{
    private readonly List<IDestination> _opened = [];
    private static readonly StreamDefinition Transactions = TestRecords.Stream("transactions");
    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>A destination over this test's storage; a second call gives a new instance over the same storage.</summary>
    protected abstract IDestination CreateDestinationCore();

    /// <summary>Drops a table through a connection of the test's own.</summary>
    protected abstract Task DropTableAsync(string table);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var destination in _opened) await destination.DisposeAsync();
    }

    private IDestination CreateDestination()
    {
        var destination = CreateDestinationCore();
        _opened.Add(destination);
        return destination;
    }

    [DestinationFact]
    public async Task A_destination_keeps_one_id_and_a_new_storage_gets_another()
    {
        var first = CreateDestination();
        string id;
        await using (var lease = await first.LeaseAsync("test-a", TimeSpan.Zero, Ct)) id = lease.DestinationId;
        await using var again = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);

        Assert.Equal(id, again.DestinationId);
        Assert.Matches("^[0-9a-f]{16}$", id);
    }

    [DestinationFact]
    public async Task Each_write_counts_in_the_progress_and_completion_records_the_cursor()
    {
        var destination = CreateDestination();
        await using var lease = await destination.LeaseAsync("test-a", TimeSpan.Zero, Ct);
        Assert.Equal(new DestinationProgress(true, false, false, null, 0, null), await destination.ReadProgressAsync(Transactions, Ct));

        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        Assert.Equal(1, await destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct));
        Assert.Equal(2, await destination.WriteAsync(Transactions, [TestRecords.Make(2)], null, Ct));
        var cursor = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await destination.CompleteStreamAsync(Transactions, cursor, Ct);

        var progress = await CreateDestination().ReadProgressAsync(Transactions, Ct);
        Assert.True(progress is { Verifiable: true, TableExists: true, Recorded: true, Account: "test-a", Writes: 2 }, progress.ToString());
        Assert.Equal(cursor, progress.Cursor);
    }

    [DestinationFact]
    public async Task The_last_write_s_receipt_is_kept_with_it()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.Append, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1)], """{"run":"run-1","events":[]}""", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(2)], """{"run":"run-1","events":[2]}""", Ct);

        var progress = await CreateDestination().ReadProgressAsync(Transactions, Ct);
        Assert.Equal("""{"run":"run-1","events":[2]}""", progress.LastReceipt);
        Assert.Equal(2, progress.Writes);
    }

    [DestinationFact]
    public async Task A_dropped_table_shows_in_its_progress()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct);
        await destination.CompleteStreamAsync(Transactions, null, Ct);
        await destination.DisposeAsync();

        await DropTableAsync("transactions");

        var progress = await CreateDestination().ReadProgressAsync(Transactions, Ct);
        Assert.True(progress is { TableExists: false, Recorded: true, Writes: 1 }, progress.ToString());
    }

    [DestinationFact]
    public async Task An_overwrite_records_its_staging_and_then_its_swap()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct);

        var staged = await destination.ReadProgressAsync(Transactions, Ct);
        Assert.True(staged is { StagedRunId: "run-1", StagingExists: true, SwappedRunId: null }, staged.ToString());

        await destination.CompleteStreamAsync(Transactions, null, Ct);
        var swapped = await destination.ReadProgressAsync(Transactions, Ct);
        Assert.True(swapped is { StagingExists: false, SwappedRunId: "run-1", TableExists: true }, swapped.ToString());
    }

    [DestinationFact]
    public async Task A_staging_table_that_is_gone_is_staged_again_by_its_run()
    {
        var destination = CreateDestination();
        await destination.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await destination.WriteAsync(Transactions, [TestRecords.Make(1)], null, Ct);
        await destination.DisposeAsync();
        await DropTableAsync("transactions__staging");

        var resumed = CreateDestination();
        await resumed.BeginStreamAsync(Transactions, WriteMode.Overwrite, "run-1", Ct);
        await resumed.WriteAsync(Transactions, [TestRecords.Make(2)], null, Ct);
        await resumed.CompleteStreamAsync(Transactions, null, Ct);

        var progress = await resumed.ReadProgressAsync(Transactions, Ct);
        Assert.True(progress is { TableExists: true, SwappedRunId: "run-1" }, progress.ToString());
    }

    [DestinationFact]
    public async Task A_second_lease_is_refused_naming_the_holder_until_the_first_is_released()
    {
        var lease = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);

        var refused = await Assert.ThrowsAsync<DestinationBusyException>(() => CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct));
        Assert.Equal(Environment.ProcessId, refused.Holder?.ProcessId);
        Assert.Contains($"process {Environment.ProcessId} on {Environment.MachineName}", refused.Message);

        await lease.DisposeAsync();
        await using var next = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);
        Assert.NotNull(next.DestinationId);
    }

    [DestinationFact]
    public async Task A_released_lease_can_be_taken_again_at_once()
    {
        // PostgreSQL frees a closed session's locks only once its server process has exited: the lease must not
        // leave that to the close, or the run after it is refused now and then.
        for (var i = 0; i < 20; i++)
        {
            var lease = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);
            await lease.DisposeAsync();
        }
        await using var last = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);
        Assert.NotNull(last.DestinationId);
    }

    [DestinationFact]
    public async Task A_waiting_lease_is_taken_once_the_holder_releases_it()
    {
        var lease = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);
        var waiting = CreateDestination().LeaseAsync("test-a", TimeSpan.FromSeconds(30), Ct);
        Assert.False(waiting.IsCompleted);

        await lease.DisposeAsync();

        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(taken.DestinationId);
    }

    [DestinationFact]
    public async Task A_bounded_wait_ends_in_a_refusal()
    {
        await using var lease = await CreateDestination().LeaseAsync("test-a", TimeSpan.Zero, Ct);

        var refused = await Assert.ThrowsAsync<DestinationBusyException>(
            () => CreateDestination().LeaseAsync("test-a", TimeSpan.FromMilliseconds(600), Ct));
        Assert.Contains("waited", refused.Message);
    }
}
