using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paystack.Actors.Destinations.Progress;

namespace Paystack.Host.Webhooks;

/// <summary>
/// <c>GET /admin/webhooks</c>: the receiver's counts (received, duplicates, applied, ignored, pending, last error);
/// <c>GET /admin/reconcile</c>: the last reconciliation's report; <c>POST /admin/reconcile</c>: one now, answered with its report.
/// </summary>
internal static class WebhookAdminEndpoints
{
    private static readonly object Off = new { error = "webhooks are off (paystack-sync.webhooks.enabled or --webhooks)" };

    public static void MapWebhookStatus(this IEndpointRouteBuilder app, Func<WebhookReceiver?> receiver)
    {
        app.MapGet("/admin/webhooks", async (CancellationToken cancellationToken) =>
            receiver() is { } running ? Results.Ok(await running.StatusAsync(cancellationToken)) : Results.NotFound(Off));

        app.MapGet("/admin/reconcile", () =>
            receiver() is { } running
                ? running.Reconciliation.Last is { } last ? Results.Ok(last) : Results.NoContent()
                : Results.NotFound(Off));

        app.MapPost("/admin/reconcile", async (CancellationToken cancellationToken) =>
        {
            if (receiver() is not { } running) return Results.NotFound(Off);
            try
            {
                return Results.Ok(await running.Reconciliation.RunNowAsync(cancellationToken));
            }
            catch (DestinationBusyException busy)
            {
                return Results.Conflict(new { error = busy.Message });
            }
        });
    }
}
