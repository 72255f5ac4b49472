using System.Text;
using System.Text.Json.Nodes;
using Paystack.Actors.Destinations;
using Paystack.Actors.Paystack;
using Paystack.Actors.Reconciliation;
using Paystack.Actors.Tests.Destinations.Support;
using Paystack.Actors.Tests.Paystack;
using Paystack.Actors.Webhooks;
using Paystack.Sandbox;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Actors.Tests.Webhooks;

/// <summary>A webhook's re-read and a reconciliation against a real PostgreSQL destination, in a fresh schema.</summary>
[RequiresPostgres]
public sealed class PostgresWebhookTests : IAsyncLifetime
{
    private const string Account = "test-webhooks";
    private static readonly StreamDefinition Refunds = StreamCatalog.Get("refunds");
    private readonly PostgresTestSchema _schema = new();
    private SandboxServer _sandbox = null!;
    private PaystackClient _client = null!;
    private DestinationSpec _spec = null!;

    public async Task InitializeAsync()
    {
        await _schema.CreateAsync();
        _spec = DestinationSpec.Parse($"postgres:{_schema.ConnectionString};Search Path={_schema.Name}");
        var now = DateTimeOffset.UtcNow;
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 40, TestRateLimit = 100_000, DataStart = now.AddDays(-60), DataEnd = now.AddHours(-1),
        });
        _client = SandboxClients.Create(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
        await _schema.DropAsync();
    }

    [DestinationFact]
    public async Task A_webhook_re_reads_its_record_and_a_reconciliation_finds_the_change_no_webhook_announced()
    {
        var records = await SandboxClients.ReadAllAsync(_client, "refunds");
        await using (var destination = DestinationFactory.Create(_spec))
        await using (await destination.LeaseAsync(Account, TimeSpan.Zero, CancellationToken.None))
        {
            await destination.BeginStreamAsync(Refunds, WriteMode.AppendDedup, "run-1", CancellationToken.None);
            await destination.WriteAsync(Refunds, records, "{}", CancellationToken.None);
            await destination.CompleteStreamAsync(Refunds, DateTimeOffset.UtcNow, CancellationToken.None);
        }
        var stored = StoredRecords.For(_spec);
        var changes = new RecordChanges(_sandbox.Store);
        var recent = records.Where(r => r.CreatedAt >= DateTimeOffset.UtcNow.AddDays(-30)).Select(r => r.Id).ToList();
        var announced = changes.Change("refund", recent[0]);
        var silent = changes.Change("refund", recent[1]);

        var webhook = WebhookEventReader.TryRead(Encoding.UTF8.GetBytes(announced.Body()), DateTimeOffset.UtcNow, out _)!;
        var application = new WebhookApplication(
            new WebhookApplyOptions(Account, new HashSet<string> { "refunds" }, WriteMode.AppendDedup, TimeSpan.Zero),
            _client, () => DestinationFactory.Create(_spec), TimeProvider.System);
        Assert.Equal("applied", Assert.Single(await application.ApplyAsync([webhook], CancellationToken.None)).Outcome.Label);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(_sandbox.Store.Get("refund", announced.Id)!),
            JsonNode.Parse((await stored.ReadAsync(Refunds, [announced.Id], CancellationToken.None))[announced.Id])));

        var reconciler = new Reconciler(
            new ReconcileOptions(Account, [Refunds], WriteMode.AppendDedup, TimeSpan.FromDays(35), 50, TimeSpan.Zero),
            _client, () => DestinationFactory.Create(_spec), stored, TimeProvider.System);
        var report = await reconciler.RunAsync(CancellationToken.None);

        Assert.Equal((1L, 0L), (report.Changed, report.Streams.Single().Missing));
        var row = (await stored.ReadAsync(Refunds, [silent.Id], CancellationToken.None))[silent.Id];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(_sandbox.Store.Get("refund", silent.Id)!), JsonNode.Parse(row)));
        Assert.Equal(0, (await reconciler.RunAsync(CancellationToken.None)).Changed);
    }
}
