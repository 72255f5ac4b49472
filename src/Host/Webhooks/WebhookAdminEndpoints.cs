using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Paystack.Host.Webhooks;

/// <summary><c>GET /admin/webhooks</c>: the receiver's counts (received, duplicates, applied, ignored, pending, last error).</summary>
internal static class WebhookAdminEndpoints
{
    public static void MapWebhookStatus(this IEndpointRouteBuilder app, Func<WebhookReceiver?> receiver) =>
        app.MapGet("/admin/webhooks", async (CancellationToken cancellationToken) =>
            receiver() is { } running
                ? Results.Ok(await running.StatusAsync(cancellationToken))
                : Results.NotFound(new { error = "webhooks are off (paystack-sync.webhooks.enabled or --webhooks)" }));
}
