using Paystack.Actors.Configuration;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Serve;

/// <summary>What <c>serve</c> was asked to do, validated.</summary>
/// <param name="Settings">The HOCON settings, with <c>--journal</c> applied over <c>paystack-sync.persistence</c>.</param>
/// <param name="LogLevel">A level <see cref="Running.EngineRuntime.LogOptions"/> understands.</param>
/// <param name="LogJson">Compact JSON log lines instead of text.</param>
/// <param name="Accounts">The account of <c>--config</c> and the other sync options, or the accounts file of <c>--accounts</c>.</param>
/// <param name="AdminUrls">Where the admin endpoint listens; null takes paystack-sync.admin.urls from HOCON.</param>
/// <param name="AdminToken">Bearer token the admin endpoint demands; required unless every URL is loopback.</param>
/// <param name="RunAtStart">Run every account once as soon as it starts (which also resumes an interrupted run).</param>
/// <param name="Webhooks">Receive webhooks whatever paystack-sync.webhooks.enabled says (one account only).</param>
/// <param name="WebhookUrls">Where the webhook receiver listens; null takes paystack-sync.webhooks.urls from HOCON.</param>
internal sealed record ServeOptions(
    LoadedSyncSettings Settings,
    string LogLevel,
    bool LogJson,
    IAccountSource Accounts,
    IReadOnlyList<string>? AdminUrls,
    string? AdminToken,
    bool RunAtStart = true,
    bool Webhooks = false,
    IReadOnlyList<string>? WebhookUrls = null);
