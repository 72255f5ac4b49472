using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;

namespace Paystack.Host.Serve;

/// <summary>The options of <c>serve</c>: every option of <c>sync</c> (the same declarations), then the schedule and the admin endpoint.</summary>
internal sealed class ServeCommandOptions
{
    public SyncCommandOptions Sync { get; } = new(SyncCommandOptions.ServeLogLevel);

    public Option<string?> Every { get; } = new("--every")
    {
        Description = "Run at this interval, e.g. 15m, 1h.",
        HelpName = "DURATION",
    };

    public Option<string?> Cron { get; } = new("--cron")
    {
        Description = "Run on this cron schedule (UTC), e.g. \"*/15 * * * *\".",
        HelpName = "EXPRESSION",
    };

    public Option<bool> NoRunAtStart { get; } = new("--no-run-at-start")
    {
        Description = "Wait for the first scheduled time instead of running at start.",
    };

    public Option<string?> AdminUrls { get; } = new("--admin-urls")
    {
        Description = $"Admin endpoint address(es), comma-separated (default: {AdminBinding.UrlsSetting}, {AdminBinding.DefaultUrl}).",
        HelpName = "URLS",
    };

    public Option<string?> AdminToken { get; } = new("--admin-token")
    {
        Description = $"Bearer token for /admin and /metrics (or env {AdminBinding.TokenEnvironmentVariable}); required off loopback.",
        HelpName = "TOKEN",
    };

    public Option<bool> Webhooks { get; } = new("--webhooks")
    {
        Description = "Receive Paystack's webhooks and re-read the records they name (or paystack-sync.webhooks.enabled; docs/webhooks.md).",
    };

    public Option<string?> WebhookUrls { get; } = new("--webhook-urls")
    {
        Description = "Webhook receiver address(es), comma-separated (default: paystack-sync.webhooks.urls, http://127.0.0.1:8738).",
        HelpName = "URLS",
    };

    /// <summary>The options only <c>serve</c> has.</summary>
    public IEnumerable<Option> ServeOnly => [Every, Cron, NoRunAtStart, AdminUrls, AdminToken, Webhooks, WebhookUrls];

    public IEnumerable<Option> All => [.. Sync.All, .. ServeOnly];

    /// <summary>Validates every option and loads the files they name.</summary>
    /// <param name="warn">Told about what is suspicious but not wrong; see <see cref="SyncCommandOptions.Read"/>.</param>
    /// <exception cref="Exception">What <see cref="SyncCommandOptions.IsBadInput"/> accepts, with a message naming the problem.</exception>
    public ServeOptions Read(ParseResult parseResult, Action<string>? warn = null)
    {
        var schedule = RunSchedule.Parse(parseResult.GetValue(Every), parseResult.GetValue(Cron));
        var urls = parseResult.GetValue(AdminUrls);
        return new ServeOptions(
            Sync.Read(parseResult, warn),
            schedule,
            urls is null ? null : AdminBinding.Split(urls),
            parseResult.GetValue(AdminToken) ?? Environment.GetEnvironmentVariable(AdminBinding.TokenEnvironmentVariable),
            RunAtStart: !parseResult.GetValue(NoRunAtStart),
            Webhooks: parseResult.GetValue(Webhooks),
            WebhookUrls: parseResult.GetValue(WebhookUrls) is { } webhookUrls ? AdminBinding.Split(webhookUrls) : null);
    }
}
