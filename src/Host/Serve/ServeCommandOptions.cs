using System.CommandLine;
using Paystack.Host.Admin;
using Paystack.Host.Running;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Serve;

/// <summary>
/// The options of <c>serve</c>: every option of <c>sync</c> (the same declarations), then the schedule, the accounts
/// file and the admin endpoint. <c>--config</c> names one account; <c>--accounts</c> many, in a file of their own.
/// </summary>
internal sealed class ServeCommandOptions
{
    public ServeCommandOptions()
    {
        // serve takes its account from --config or from --accounts: Read checks that exactly one is given.
        Sync.Config.Required = false;
    }

    public SyncCommandOptions Sync { get; } = new(SyncCommandOptions.ServeLogLevel);

    public Option<FileInfo?> Accounts { get; } = new("--accounts")
    {
        Description = "Serve many accounts: a JSON file with one entry per account (name, key from an environment variable or a file, "
                      + "start_date, destination, schedule, streams, mode), reloaded on SIGHUP and when it changes. "
                      + "Instead of --config, --destination, --streams, --mode and --full-refresh; see docs/operations.md.",
        HelpName = "FILE",
    };

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
    public IEnumerable<Option> ServeOnly => [Accounts, Every, Cron, NoRunAtStart, AdminUrls, AdminToken, Webhooks, WebhookUrls];

    public IEnumerable<Option> All => [.. Sync.All, .. ServeOnly];

    /// <summary>Validates every option and loads the files they name.</summary>
    /// <param name="warn">Told about what is suspicious but not wrong; see <see cref="SyncCommandOptions.Read"/>.</param>
    /// <exception cref="Exception">What <see cref="SyncCommandOptions.IsBadInput"/> accepts, with a message naming the problem.</exception>
    public ServeOptions Read(ParseResult parseResult, Action<string>? warn = null)
    {
        var accountsFile = parseResult.GetValue(Accounts);
        var every = parseResult.GetValue(Every);
        var cron = parseResult.GetValue(Cron);
        IAccountSource accounts;
        SyncCommandOptions.EngineInputs engine;
        if (accountsFile is null)
        {
            if (parseResult.GetResult(Sync.Config) is null)
                throw new ArgumentException("Give the account to sync: --config FILE for one account, or --accounts FILE for many.");
            var schedule = RunSchedule.Parse(every, cron);
            var sync = Sync.Read(parseResult, warn);
            engine = new SyncCommandOptions.EngineInputs(sync.Settings, sync.Request.LeaseWait, sync.LogLevel, sync.LogJson, sync.Request.Source);
            accounts = new SingleAccount(new ServeAccount(sync.Request.Source.AccountId, sync.Request, schedule, ""));
        }
        else
        {
            var perAccount = new Option[] { Sync.Config, Sync.Destination, Sync.Streams, Sync.Mode, Sync.FullRefresh }
                .Where(o => parseResult.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            if (perAccount.Count > 0)
                throw new ArgumentException(
                    $"--accounts gives every account its own settings: put {string.Join(", ", perAccount)} in the entries of {accountsFile.Name} instead.");
            if (parseResult.GetValue(Webhooks))
                throw new ArgumentException("--webhooks receives one account's webhooks: serve that account with --config, not --accounts.");
            var defaultSchedule = every is null && cron is null ? null : RunSchedule.Parse(every, cron);
            engine = Sync.ReadEngine(parseResult);
            var file = new AccountsFile(accountsFile.FullName, new AccountDefaults(defaultSchedule, engine.LeaseWait));
            file.Load(); // a file that cannot be read at all stops start-up; its bad entries do not
            accounts = file;
        }
        var urls = parseResult.GetValue(AdminUrls);
        return new ServeOptions(
            engine.Settings,
            engine.LogLevel,
            engine.LogJson,
            accounts,
            urls is null ? null : AdminBinding.Split(urls),
            parseResult.GetValue(AdminToken) ?? Environment.GetEnvironmentVariable(AdminBinding.TokenEnvironmentVariable),
            RunAtStart: !parseResult.GetValue(NoRunAtStart),
            Webhooks: parseResult.GetValue(Webhooks),
            WebhookUrls: parseResult.GetValue(WebhookUrls) is { } webhookUrls ? AdminBinding.Split(webhookUrls) : null);
    }
}
