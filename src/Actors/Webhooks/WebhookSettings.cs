using System.Net;
using Akka.Configuration;
using Paystack.Actors.Configuration;

namespace Paystack.Actors.Webhooks;

/// <summary>The <c>paystack-sync.webhooks</c> section, validated.</summary>
public sealed record WebhookSettings(
    bool Enabled,
    IReadOnlyList<string> Urls,
    long MaxBodyBytes,
    IReadOnlyList<IPAddress> AllowedIps,
    WebhookInboxSettings Inbox,
    TimeSpan LeaseWait,
    TimeSpan ReconcileEvery,
    TimeSpan ReconcileWindow)
{
    private const string Section = SyncSettingsLoader.RootPath + ".webhooks.";

    /// <exception cref="SyncConfigurationException">A value is out of range, listing every such value.</exception>
    public static WebhookSettings Read(Config config)
    {
        var problems = new List<string>();
        var read = new SettingValueReader(config, problems);
        var enabled = false;
        try { enabled = config.GetBoolean(Section + "enabled"); }
        catch (Exception error) when (error is ConfigurationException or FormatException or InvalidOperationException or ArgumentException)
        {
            problems.Add($"{Section}enabled must be on or off");
        }
        var urls = Split(config.GetString(Section + "urls", ""));
        if (urls.Count == 0) problems.Add($"{Section}urls must name at least one URL");
        var ips = new List<IPAddress>();
        foreach (var text in Split(config.GetString(Section + "allowed-ips", "")))
        {
            if (IPAddress.TryParse(text, out var ip)) ips.Add(ip);
            else problems.Add($"{Section}allowed-ips holds '{text}', which is not an IP address");
        }
        var settings = new WebhookSettings(
            enabled,
            urls,
            read.Int(Section + "max-body-bytes", 1024, 64 * 1024 * 1024),
            ips,
            new WebhookInboxSettings(read.Int(Section + "batch-size", 1, 10_000), read.PositiveDuration(Section + "retry-delay")),
            read.Duration(Section + "lease-wait", TimeSpan.Zero),
            read.Duration(Section + "reconcile-every", TimeSpan.Zero),
            read.PositiveDuration(Section + "reconcile-window"));
        if (problems.Count > 0) throw new SyncConfigurationException(problems);
        return settings;
    }

    private static List<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
