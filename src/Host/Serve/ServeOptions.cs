using Paystack.Host.Running;

namespace Paystack.Host.Serve;

/// <summary>What <c>serve</c> was asked to do, validated.</summary>
/// <param name="Sync">What every run syncs and where, from the options <c>sync</c> takes too.</param>
/// <param name="Schedule">When runs are due.</param>
/// <param name="AdminUrls">Where the admin endpoint listens; null takes paystack-sync.admin.urls from HOCON.</param>
/// <param name="AdminToken">Bearer token the admin endpoint demands; required unless every URL is loopback.</param>
/// <param name="RunAtStart">Run once as soon as the service starts (which also resumes an interrupted run).</param>
/// <param name="Webhooks">Receive webhooks whatever paystack-sync.webhooks.enabled says.</param>
/// <param name="WebhookUrls">Where the webhook receiver listens; null takes paystack-sync.webhooks.urls from HOCON.</param>
internal sealed record ServeOptions(
    SyncCommandInputs Sync,
    RunSchedule Schedule,
    IReadOnlyList<string>? AdminUrls,
    string? AdminToken,
    bool RunAtStart = true,
    bool Webhooks = false,
    IReadOnlyList<string>? WebhookUrls = null);
