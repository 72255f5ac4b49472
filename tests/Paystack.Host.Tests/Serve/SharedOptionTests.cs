using System.CommandLine;
using Paystack.Host.Commands;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Packaging;

namespace Paystack.Host.Tests.Serve;

/// <summary><c>sync</c> and <c>serve</c> speak one vocabulary for what to sync and where: same options, meanings, defaults and errors.</summary>
public sealed class SharedOptionTests
{
    private static readonly string[] ServeOnly = ["--accounts", "--every", "--cron", "--no-run-at-start", "--admin-urls", "--admin-token", "--webhooks", "--webhook-urls", "--cluster", "--cluster-host", "--cluster-port", "--seed-node"];

    /// <summary>A one-off sync ends with a summary (as JSON with --json); a service has none.</summary>
    private static readonly string[] SyncOnly = ["--json"];

    private static Command Verb(string name) => CommandCatalog.All().Single(c => c.Name == name);

    [Fact]
    public void Serve_takes_every_option_of_sync_with_the_same_declaration_plus_its_schedule_and_admin_options()
    {
        var sync = Verb("sync").Options.Where(o => !SyncOnly.Contains(o.Name)).ToDictionary(o => o.Name);
        var serve = Verb("serve").Options.ToDictionary(o => o.Name);

        Assert.Contains("--journal", sync.Keys);
        Assert.Contains("--full-refresh", sync.Keys);
        Assert.Equal(sync.Keys.Concat(ServeOnly).Order(), serve.Keys.Order());
        foreach (var (name, option) in sync)
        {
            var twin = serve[name];
            Assert.Equal(option.ValueType, twin.ValueType);
            Assert.Equal(option.Description, twin.Description);
            Assert.Equal(option.HelpName, twin.HelpName);
            // serve's account comes from --config or from --accounts: it checks that one is given itself.
            Assert.Equal(name != "--config" && option.Required, twin.Required);
            Assert.Equal(option.Aliases.Order(), twin.Aliases.Order());
            Assert.Equal(option.HasDefaultValue, twin.HasDefaultValue);
            // The one default that differs: a service logs its runs, a one-off sync shows them on its console.
            if (name == "--log-level")
            {
                Assert.Equal("warning", option.GetDefaultValue());
                Assert.Equal("information", twin.GetDefaultValue());
            }
            else if (option.HasDefaultValue)
            {
                Assert.Equal(option.GetDefaultValue(), twin.GetDefaultValue());
            }
        }
    }

    [Fact]
    public async Task Serve_help_lists_every_option_of_sync_help()
    {
        var results = await Task.WhenAll(CliRunner.RunAsync("sync", "--help"), CliRunner.RunAsync("serve", "--help"));
        var (sync, serve) = (results[0], results[1]);

        Assert.True(sync.ExitCode == 0 && serve.ExitCode == 0, $"{sync}\n{serve}");
        foreach (var name in Verb("sync").Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Except(SyncOnly))
        {
            Assert.Contains(name, sync.Stdout);
            Assert.Contains(name, serve.Stdout);
        }
        foreach (var name in ServeOnly) Assert.Contains(name, serve.Stdout);
    }

    [Fact]
    public void The_systemd_unit_passes_only_options_serve_accepts()
    {
        var unit = File.ReadAllText(RepositoryRoot.File("deploy", "paystack-sync.service"));
        // ExecStart and its continuation lines (each but the last ends with a backslash).
        var lines = unit.Split('\n').Select(l => l.TrimEnd()).SkipWhile(l => !l.StartsWith("ExecStart=", StringComparison.Ordinal)).ToList();
        var continued = lines.TakeWhile(l => l.EndsWith('\\')).Count();
        var execStart = lines.Take(continued + 1).Select(l => l.TrimEnd('\\'));
        var words = string.Join(' ', execStart).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var args = words.SkipWhile(w => w != "serve").Skip(1).ToArray();

        var parsed = Verb("serve").Parse(args);

        Assert.Contains("--journal", args);
        Assert.Empty(parsed.Errors);
        Assert.Empty(parsed.UnmatchedTokens);
    }

    private const string Password = "hunter2-not-shown";

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "an unknown journal kind", ["--journal", "mysql:journal"], "--journal" },
        { "a journal without a path", ["--journal", "sqlite:"], "--journal" },
        { "a journal URL", ["--journal", $"postgres://sync:{Password}@db/paystack"], "--journal" },
        { "a journal connection string without a host", ["--journal", $"postgres:Username=sync;Password={Password}"], "--journal" },
        { "an unknown mode", ["--mode", "upsert"], "--mode" },
        { "an unknown destination kind", ["--destination", "mysql:foo"], "--destination" },
        { "an unknown stream", ["--streams", "transactions,payouts"], "--streams" },
        { "an unknown log level", ["--log-level", "loud"], "--log-level" },
        { "a missing config file", ["--config", "/nonexistent/config.json"], "/nonexistent/config.json" },
        { "a missing HOCON file", ["--hocon", "/nonexistent/settings.conf"], "/nonexistent/settings.conf" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Both_verbs_reject_bad_input_with_the_same_message_and_exit_code_2(string _, string[] change, string named)
    {
        using var files = new TempFiles();
        var config = files.Config("sk_test_sharedoptions", "2024-01-01T00:00:00Z", "http://127.0.0.1:9/");
        var destination = Path.Combine(files.Folder, "out.db");
        var common = new List<string> { "--config", config, "--destination", $"sqlite:{destination}" };
        for (var i = 0; i < change.Length; i += 2)
        {
            var at = common.IndexOf(change[i]);
            if (at >= 0) common[at + 1] = change[i + 1];
            else common.AddRange([change[i], change[i + 1]]);
        }
        var results = await Task.WhenAll(
            CliRunner.RunAsync(["sync", .. common], null),
            CliRunner.RunAsync(["serve", .. common, "--every", "1h", "--admin-urls", "http://127.0.0.1:0"], null));
        var (sync, serve) = (results[0], results[1]);

        Assert.True(sync.ExitCode == 2, sync.ToString());
        Assert.True(serve.ExitCode == 2, serve.ToString());
        var message = sync.Stderr.Trim();
        Assert.StartsWith("paystack-sync sync: ", message);
        Assert.Equal(message["paystack-sync sync: ".Length..], serve.Stderr.Trim()["paystack-sync serve: ".Length..]);
        Assert.Contains(named, message);
        Assert.DoesNotContain(Password, sync.Stderr + serve.Stderr);
        Assert.DoesNotContain("sk_test_sharedoptions", sync.Stderr + serve.Stderr);
        Assert.DoesNotContain("   at ", message); // a message, not a stack trace
        Assert.False(File.Exists(destination));
    }
}
