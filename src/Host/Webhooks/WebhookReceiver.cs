using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.Reconciliation;
using Paystack.Actors.Webhooks;

namespace Paystack.Host.Webhooks;

/// <summary>
/// Serve's webhook receiver: the account's <see cref="WebhookInbox"/> (which applies events through the account's
/// client, rate limiter and destination) and a listener of its own, apart from the admin endpoint, that accepts
/// POSTs on any path (the proxy in front decides the public one).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<IPaystackClient> _clients;

    private readonly WebhookEndpoint _endpoint;

    private WebhookReceiver(
        WebApplication app, IActorRef inbox, IReadOnlyList<IPaystackClient> clients, ReconcileSchedule reconciliation, WebhookEndpoint endpoint)
    {
        _app = app;
        _endpoint = endpoint;
        Inbox = inbox;
        _clients = clients;
        Reconciliation = reconciliation;
    }

    public IActorRef Inbox { get; }

    /// <summary>The scheduled re-sweep that catches what webhooks missed.</summary>
    public ReconcileSchedule Reconciliation { get; }

    /// <summary>The addresses the receiver listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses => _app.Urls.Select(u => new Uri(u)).ToList();

    /// <exception cref="IOException">An address is taken.</exception>
    public static async Task<WebhookReceiver> StartAsync(
        WebhookSettings settings, SyncEngine engine, SyncRequest request, int pageSize, Func<CancellationToken, Task<bool>> runGoing,
        Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var client = engine.ClientFor(request.Source);
        // A reconciliation re-reads weeks of records: it takes only the budget that runs and webhook re-reads leave.
        var backgroundClient = engine.ClientFor(request.Source, background: true);
        var application = new WebhookApplication(
            new WebhookApplyOptions(
                request.Source.AccountId, request.Streams.Select(s => s.Name).ToHashSet(StringComparer.Ordinal), request.WriteMode, settings.LeaseWait),
            client,
            () => DestinationFactory.Create(request.Destination),
            TimeProvider.System);
        var inbox = engine.System.ActorOf(WebhookInbox.Props(request.Source.AccountId, application, settings.Inbox), "webhook-inbox");
        var reconciler = new Reconciler(
            new ReconcileOptions(
                request.Source.AccountId,
                request.Streams.Where(s => EventTarget.Streams.Contains(s.Name)).ToList(),
                request.WriteMode, settings.ReconcileWindow, pageSize, settings.LeaseWait),
            backgroundClient,
            () => DestinationFactory.Create(request.Destination),
            StoredRecords.For(request.Destination),
            TimeProvider.System);
        var reconciliation = new ReconcileSchedule(reconciler, settings.ReconcileEvery, inbox, runGoing, log);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new WebhookEndpoint(settings, WebhookEndpoint.KeyBytes(request.Source.SecretKey), inbox, log);
        app.MapPost("/{**path}", (Func<HttpContext, Task<IResult>>)endpoint.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await reconciliation.DisposeAsync();
            engine.System.Stop(inbox);
            (client as IDisposable)?.Dispose();
            (backgroundClient as IDisposable)?.Dispose();
            await app.DisposeAsync();
            throw;
        }
        return new WebhookReceiver(app, inbox, [client, backgroundClient], reconciliation, endpoint);
    }

    /// <summary>The inbox's counts, the refusals and the last reconciliation, for the admin endpoint.</summary>
    public async Task<WebhookStatusView> StatusAsync(CancellationToken cancellationToken) => WebhookStatusView.Of(
        await Inbox.Ask<WebhookInboxProtocol.InboxStatus>(WebhookInboxProtocol.GetStatus.Instance, TimeSpan.FromSeconds(10), cancellationToken),
        _endpoint.Rejected, Reconciliation.Last);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Reconciliation.DisposeAsync();
        try { await Inbox.GracefulStop(TimeSpan.FromSeconds(10)); }
        catch (Exception stopping) when (stopping is TaskCanceledException or AskTimeoutException) { }
        foreach (var client in _clients) (client as IDisposable)?.Dispose();
    }
}
