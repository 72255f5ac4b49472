using Paystack.Actors.Airbyte.Read;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Actors.Sync;

namespace Paystack.Actors.Tests.Airbyte.Read;

public sealed class AirbyteReadObserverTests : IDisposable
{
    private static readonly StreamDefinition Customers = StreamCatalog.Get("customers");
    private static readonly StreamDefinition Invoices = StreamCatalog.Get("invoices");

    private readonly ReadMessages _messages = new(secret: "sk_test_secret123");
    private readonly AirbyteRecordDestination _destination;
    private readonly AirbyteReadObserver _observer;

    public AirbyteReadObserverTests()
    {
        var job = new SyncJob("test-1", DateTimeOffset.UnixEpoch, 0,
        [
            new StreamSelection(Customers, SyncMode.Incremental, WriteMode.Append, "2024-01-01T00:00:00.000Z"),
            new StreamSelection(Invoices, SyncMode.FullRefresh, WriteMode.Append),
        ]);
        _destination = new AirbyteRecordDestination(_messages.Emitter);
        _observer = new AirbyteReadObserver(_messages.Emitter, job);
    }

    public void Dispose() => _messages.Dispose();

    private static PaystackRecord Record(int id) =>
        new(id.ToString(), null, null, $$"""{"id":{{id}},"createdAt":"2024-02-0{{id % 9 + 1}}T00:00:00.000Z"}""");

    private static StreamOutcome Succeeded(string stream, string? cursor) =>
        new(stream, true, StreamStats.Empty, cursor, null, TimeSpan.FromSeconds(1), 0);

    private static StreamOutcome Failed(string stream, string error) =>
        new(stream, false, StreamStats.Empty, null, error, TimeSpan.FromSeconds(1), 0);

    [Fact]
    public async Task A_stream_goes_started_running_records_states_complete_and_states_count_the_records_since_the_last()
    {
        await _destination.BeginStreamAsync(Customers, WriteMode.Append, "run", default);
        _observer.StreamStarted(new StreamReports.Started("customers", "run", false, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow));
        await _destination.WriteAsync(Customers, [Record(1), Record(2)], null, default);
        await _destination.WriteAsync(Customers, [Record(3)], null, default);
        _observer.Checkpoint(new StreamReports.Checkpoint("customers", "createdAt", "2024-03-01T00:00:00.000Z", 3));
        await _destination.WriteAsync(Customers, [Record(4)], null, default);
        _observer.StreamFinished(Succeeded("customers", "2024-06-01T00:00:00.000Z"));

        Assert.Equal(
        [
            "STATUS customers STARTED",
            "STATUS customers RUNNING",
            "RECORD customers", "RECORD customers", "RECORD customers",
            "STATE customers 2024-03-01T00:00:00.000Z 3",
            "RECORD customers",
            "STATE customers 2024-06-01T00:00:00.000Z 1",
            "STATUS customers COMPLETE",
        ], _messages.Summary);
        Assert.Equal(4, _messages.Emitter.RecordsEmitted("customers"));
        Assert.Null(_observer.FailureSummary);
    }

    [Fact]
    public void The_closing_state_is_not_repeated_when_the_last_checkpoint_already_says_it()
    {
        _observer.Checkpoint(new StreamReports.Checkpoint("customers", "createdAt", "2024-06-01T00:00:00.000Z", 0));
        _observer.StreamFinished(Succeeded("customers", "2024-06-01T00:00:00.000Z"));

        Assert.Equal(
        [
            "STATUS customers STARTED",
            "STATE customers 2024-06-01T00:00:00.000Z 0",
            "STATUS customers COMPLETE",
        ], _messages.Summary);
    }

    [Fact]
    public void A_stream_that_read_nothing_still_ends_on_a_state_with_its_handed_in_cursor()
    {
        _observer.StreamStarted(new StreamReports.Started("customers", "run", false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        _observer.StreamFinished(Succeeded("customers", cursor: null));

        Assert.Equal(
        [
            "STATUS customers STARTED",
            "STATE customers 2024-01-01T00:00:00.000Z 0",
            "STATUS customers COMPLETE",
        ], _messages.Summary);
    }

    [Fact]
    public void Invoices_state_uses_their_own_cursor_field()
    {
        _observer.Checkpoint(new StreamReports.Checkpoint("invoices", "created_at", "2024-03-01T00:00:00.000Z", 0));

        var state = Assert.Single(_messages.Lines, m => m.GetProperty("type").GetString() == "STATE").GetProperty("state").GetProperty("stream").GetProperty("stream_state");
        Assert.Equal("2024-03-01T00:00:00.000Z", state.GetProperty("created_at").GetString());
    }

    [Fact]
    public void A_rejected_key_is_a_config_error_of_its_stream_and_the_stream_ends_incomplete()
    {
        var cause = new PaystackApiException(PaystackErrorKind.Unauthorized, "the secret key was rejected (401): Invalid key", 401);
        _observer.StreamStarted(new StreamReports.Started("customers", "run", false, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow));
        _observer.StreamFailed(new StreamReports.Failed("customers", "customers: " + cause.Message, Transient: false, cause));
        _observer.StreamFinished(Failed("customers", "customers: " + cause.Message));

        Assert.Equal(["STATUS customers STARTED", "ERROR customers config_error", "STATUS customers INCOMPLETE"], _messages.Summary);
        var error = _messages.Lines[1].GetProperty("trace").GetProperty("error");
        Assert.Contains("secret key was rejected", error.GetProperty("message").GetString());
        Assert.Equal(["customers"], _observer.FailedStreams);
        Assert.Contains("customers", _observer.FailureSummary);
    }

    [Fact]
    public void Retries_are_logged_and_an_outage_that_outlasts_them_is_a_transient_error()
    {
        var outage = new StreamReports.Failed("invoices", "invoices: Paystack server error (503)", Transient: true,
            new PaystackApiException(PaystackErrorKind.Transient, "Paystack server error (503)", 503));
        _observer.StreamRetrying(outage, 1, TimeSpan.FromSeconds(1));
        _observer.StreamFailed(outage);
        _observer.StreamFinished(Failed("invoices", outage.Reason));

        Assert.Equal(["LOG WARN", "ERROR invoices transient_error", "STATUS invoices STARTED", "STATUS invoices INCOMPLETE"],
            _messages.Summary);
    }

    [Fact]
    public void The_secret_is_masked_in_error_texts()
    {
        _observer.StreamFinished(Failed("invoices", "something echoed sk_test_secret123 back"));

        var error = _messages.Lines[0].GetProperty("trace").GetProperty("error");
        Assert.DoesNotContain("sk_test_secret123", error.GetRawText());
        Assert.Equal("system_error", error.GetProperty("failure_type").GetString());
    }

    [Fact]
    public void Estimates_follow_the_pages_done_and_left_and_skip_changes_under_a_tenth()
    {
        static StreamReports.Progress Progress(long records, long pages, long planned) =>
            new("customers", StreamStats.Empty with { Records = records, Pages = pages }) { PagesPlanned = planned };

        _observer.Progress(Progress(0, 0, 4)); // nothing done yet: no basis for a guess
        _observer.Progress(Progress(100, 2, 4)); // 50 a page, 4 pages
        _observer.Progress(Progress(150, 3, 4)); // still 200
        _observer.Progress(Progress(200, 4, 10)); // six more pages found: 500
        _observer.Progress(Progress(460, 9, 10)); // 511: within a tenth of 500

        Assert.Equal(["STATUS customers STARTED", "ESTIMATE customers 200", "ESTIMATE customers 500"], _messages.Summary);
    }
}
