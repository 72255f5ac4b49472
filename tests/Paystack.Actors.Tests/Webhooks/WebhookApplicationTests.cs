using System.Text;
using Paystack.Actors.Destinations;
using Paystack.Actors.Destinations.Progress;
using Paystack.Actors.Destinations.Sqlite;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync.Stream;
using Paystack.Actors.Tests.Paystack;
using Paystack.Actors.Webhooks;
using Paystack.Sandbox;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Actors.Tests.Webhooks;

/// <summary>
/// Webhook writes against a real SQLite destination and the sandbox: they take the lease, and what they leave in the
/// destination's bookkeeping never makes a stream's journal check skip or re-read wrongly.
/// </summary>
public sealed class WebhookApplicationTests : IAsyncLifetime
{
    private const string Account = "test-webhooks";
    private static readonly StreamDefinition Transactions = StreamCatalog.Get("transactions");
    private static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Window = new(Start, Start.AddYears(2));

    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-webhooks-").FullName;
    private SandboxServer _sandbox = null!;
    private PaystackClient _client = null!;

    private string DestinationPath => Path.Combine(_folder, "out.db");

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { RecordsPerStream = 30, TestRateLimit = 100_000 });
        _client = SandboxClients.Create(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private SqliteDestination Open() => new(new SqliteDestinationOptions(DestinationPath));

    private WebhookApplication Application(WriteMode mode = WriteMode.AppendDedup, TimeSpan? leaseWait = null) => new(
        new WebhookApplyOptions(Account, new HashSet<string> { "transactions" }, mode, leaseWait ?? TimeSpan.Zero),
        _client, Open, TimeProvider.System);

    private WebhookEvent Event(RecordChange change)
    {
        var body = Encoding.UTF8.GetBytes(change.Body());
        return WebhookEventReader.TryRead(body, DateTimeOffset.UtcNow, out _)!;
    }

    /// <summary>A run's write as the engine makes it: one batch with its receipt, under the lease.</summary>
    private async Task<long> RunWriteAsync(string runId, IReadOnlyList<PaystackRecord> records, string? receipt)
    {
        await using var destination = Open();
        await using var lease = await destination.LeaseAsync(Account, TimeSpan.Zero, CancellationToken.None);
        await destination.BeginStreamAsync(Transactions, WriteMode.AppendDedup, runId, CancellationToken.None);
        return await destination.WriteAsync(Transactions, records, receipt, CancellationToken.None);
    }

    private async Task<DestinationProgress> ProgressAsync()
    {
        await using var destination = Open();
        return await destination.ReadProgressAsync(Transactions, CancellationToken.None);
    }

    private static StreamState RunWithPages(string runId, long journaledWrites, bool completed)
    {
        var state = new StreamState()
            .Apply(new StreamEvents.RunStarted(runId, SyncMode.Incremental, Window.From, Window.To, [Window]))
            .Apply(new StreamEvents.PagesCompleted(Window, [1], 2, 10, null, DestinationWrites: journaledWrites));
        return completed ? state.Apply(new StreamEvents.WindowCompleted(Window)).Apply(new StreamEvents.RunCompleted(runId, Window.To)) : state;
    }

    private static DestinationCheck.Verdict Decide(StreamState state, DestinationProgress progress, string runId) =>
        DestinationCheck.Decide(state, journalEmpty: false, progress, Account, "transactions", WriteMode.AppendDedup,
            WriteReceipt.Decode(progress.LastReceipt, runId));

    [Fact]
    public async Task Writes_after_a_completed_run_leave_the_journal_check_agreed()
    {
        var records = await SandboxClients.ReadAllAsync(_client, "transactions");
        var writes = await RunWriteAsync("run-1", records, receipt: "{}");
        var id = records[3].Id;
        var change = new RecordChanges(_sandbox.Store).Change("transaction", id);

        var outcomes = await Application().ApplyAsync([Event(change)], CancellationToken.None);

        Assert.Equal("applied", Assert.Single(outcomes).Outcome.Label);
        var progress = await ProgressAsync();
        Assert.Equal(writes + 1, progress.Writes);
        Assert.Null(progress.LastReceipt);
        Assert.IsType<DestinationCheck.Agreed>(Decide(RunWithPages("run-1", writes, completed: true), progress, "run-1"));
    }

    [Fact]
    public async Task A_write_after_a_run_stopped_between_its_write_and_its_journal_makes_the_run_read_those_pages_again()
    {
        var records = await SandboxClients.ReadAllAsync(_client, "transactions");
        var firstWrite = await RunWriteAsync("run-1", records[..10], receipt: "{}");
        var state = RunWithPages("run-1", firstWrite, completed: false);
        var pages = new[] { new StreamEvents.PagesCompleted(Window, [2], 2, 10, null, DestinationWrites: null) };
        await RunWriteAsync("run-1", records[10..20], WriteReceipt.Encode("run-1", pages));
        Assert.IsType<DestinationCheck.CatchUp>(Decide(state, await ProgressAsync(), "run-1"));

        var change = new RecordChanges(_sandbox.Store).Change("transaction", records[25].Id);
        await Application().ApplyAsync([Event(change)], CancellationToken.None);

        // The receipt is gone with the webhook's write: the stream does not claim page 2 from it, it fetches the page again
        // (append_dedup keeps one row per id), and it does not realign either.
        Assert.IsType<DestinationCheck.Agreed>(Decide(state, await ProgressAsync(), "run-1"));
    }

    [Fact]
    public async Task A_batch_neither_reads_nor_writes_while_a_run_holds_the_lease()
    {
        var records = await SandboxClients.ReadAllAsync(_client, "transactions");
        var writes = await RunWriteAsync("run-1", records, receipt: "{}");
        var change = new RecordChanges(_sandbox.Store).Change("transaction", records[0].Id);
        await using var run = Open();
        var lease = await run.LeaseAsync(Account, TimeSpan.Zero, CancellationToken.None);
        _sandbox.Requests.Clear();

        await Assert.ThrowsAsync<DestinationBusyException>(() => Application().ApplyAsync([Event(change)], CancellationToken.None));
        Assert.Equal(writes, (await ProgressAsync()).Writes);
        Assert.Empty(_sandbox.Requests.Entries); // a retry while the run goes on costs no request

        await lease.DisposeAsync();
        var outcome = Assert.Single(await Application().ApplyAsync([Event(change)], CancellationToken.None));
        Assert.Equal("applied", outcome.Outcome.Label);
    }

    [Fact]
    public async Task A_record_Paystack_refuses_to_give_settles_its_event_and_the_rest_of_the_batch_is_applied()
    {
        var records = await SandboxClients.ReadAllAsync(_client, "transactions");
        await RunWriteAsync("run-1", records, receipt: "{}");
        var changes = new RecordChanges(_sandbox.Store);
        var refused = changes.Change("transaction", records[1].Id);
        var fine = changes.Change("transaction", records[2].Id);
        var application = new WebhookApplication(
            new WebhookApplyOptions(Account, new HashSet<string> { "transactions" }, WriteMode.AppendDedup, TimeSpan.Zero),
            new RefusingClient(_client, records[1].Id), Open, TimeProvider.System);

        var outcomes = await application.ApplyAsync([Event(refused), Event(fine)], CancellationToken.None);

        Assert.Equal(["ignored_unreadable", "applied"], outcomes.Select(o => o.Outcome.Label));
    }

    /// <summary>Answers 400 for one record, as Paystack does for an id it will not look up.</summary>
    private sealed class RefusingClient(IPaystackClient inner, string refusedId) : IPaystackClient
    {
        public Task<PageResult> GetPageAsync(PageRequest request, CancellationToken cancellationToken) => inner.GetPageAsync(request, cancellationToken);

        public Task<PaystackRecord?> GetRecordAsync(StreamDefinition stream, string id, CancellationToken cancellationToken) =>
            id == refusedId
                ? throw new PaystackApiException(PaystackErrorKind.BadRequest, "Paystack refused the request's parameters (400)", 400)
                : inner.GetRecordAsync(stream, id, cancellationToken);
    }

    [Fact]
    public async Task Events_are_not_applied_to_a_stream_before_its_first_run_nor_to_one_written_in_another_mode()
    {
        var id = _sandbox.Store.Ids("transaction")[0];
        var change = new RecordChanges(_sandbox.Store).Change("transaction", id);

        Assert.Equal("left_to_first_run", Assert.Single(await Application().ApplyAsync([Event(change)], CancellationToken.None)).Outcome.Label);
        Assert.False((await ProgressAsync()).TableExists);
        Assert.Equal("ignored_mode", Assert.Single(await Application(WriteMode.Overwrite).ApplyAsync([Event(change)], CancellationToken.None)).Outcome.Label);
    }
}
