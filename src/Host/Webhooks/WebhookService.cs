using Microsoft.Extensions.Hosting;
using Paystack.Actors.Engine;
using Paystack.Actors.Webhooks;
using Paystack.Host.Serve;

namespace Paystack.Host.Webhooks;

/// <summary>
/// The webhook receiver as a part of serve's host. Registered after the actor system, it starts after it and stops
/// before it, so no webhook is accepted for an inbox that has already stopped.
/// </summary>
/// <param name="coordinator">The one account webhooks are received for.</param>
/// <param name="pageSize">The engine's page size, for reconciliations.</param>
internal sealed class WebhookService(
    WebhookSettings settings, SyncEngine engine, RunCoordinator coordinator, int pageSize, Serilog.ILogger logger) : IHostedService
{
    /// <summary>The running receiver; null before the host started it and after it stopped.</summary>
    public WebhookReceiver? Receiver { get; private set; }

    /// <exception cref="IOException">A webhook address is taken.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var log = logger.ForContext("SourceContext", "Paystack.Webhooks");
        Receiver = await WebhookReceiver.StartAsync(
            settings, engine, coordinator.Account.Request, pageSize, coordinator.IsRunGoingAsync, log, cancellationToken);
        logger.ForContext("SourceContext", "Paystack.Serve").Information("Receiving webhooks on {Urls}", string.Join(", ", Receiver.Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Receiver is not { } receiver) return;
        Receiver = null;
        await receiver.DisposeAsync();
    }

    /// <summary>The receiver's status, for the admin endpoint.</summary>
    /// <exception cref="InvalidOperationException">The receiver is not running.</exception>
    public Task<WebhookStatusView> StatusAsync(CancellationToken cancellationToken) =>
        (Receiver ?? throw new InvalidOperationException("The webhook receiver is not running.")).StatusAsync(cancellationToken);
}
