using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Host.Admin;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Accounts;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// serve --accounts: several accounts, each with its own key, destination and runner in one service; a bad entry fails
/// only itself, visibly; the file is reloaded without a restart.
/// </summary>
[Collection(ServeCollection.Name)]
public sealed class ManyAccountsTests
{
    private static readonly string[] Streams = ["transactions", "customers"];

    [Fact]
    public async Task Three_accounts_land_once_each_in_their_own_destination_while_bad_entries_fail_only_themselves()
    {
        await using var environment = await AccountsEnvironment.StartAsync();
        var sandbox = environment.Serve.Sandbox;
        var missingVariable = $"PAYSTACK_TEST_UNSET_{Guid.NewGuid():N}";
        var closedPort = ServeEnvironment.FreePort();
        environment.Write(
            environment.FromVariable("alpha", sandbox.Options.TestKey, sandbox.BaseUrl),
            environment.FromFile("beta", sandbox.Options.LiveKey, sandbox.BaseUrl),
            environment.FromFile("gamma", environment.Second.Options.TestKey, environment.Second.BaseUrl),
            new JsonObject
            {
                ["name"] = "no-key", ["secret_key_env"] = missingVariable, ["start_date"] = "2023-01-01T00:00:00Z",
                ["destination"] = "sqlite:no-key.db",
            },
            Unreachable(environment, closedPort));

        await using var host = await ServeHost.StartAsync(environment.Options(), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);

        var list = await AccountsEnvironment.WaitForAsync(client, l =>
            new[] { "alpha", "beta", "gamma" }.All(n => AccountsEnvironment.Synced(l, n))
            && l.Accounts.Single(a => a.Name == "unreachable").State == "failing");

        foreach (var name in new[] { "alpha", "beta", "gamma" })
            foreach (var stream in Streams)
                Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count(name, stream));
        Assert.Equal(2 * ServeEnvironment.RecordsPerStream, list.Accounts.Single(a => a.Name == "gamma").LastRun!.Records);
        var noKey = list.Accounts.Single(a => a.Name == "no-key");
        Assert.Equal("invalid", noKey.State);
        Assert.Contains($"environment variable {missingVariable} is not set", noKey.Problem);
        Assert.False(File.Exists(Path.Combine(environment.Folder, "no-key.db")));
        var unreachable = list.Accounts.Single(a => a.Name == "unreachable");
        Assert.Equal("failed", unreachable.LastRun!.State);
        Assert.Contains(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), unreachable.LastRun.Error ?? "");
        Assert.DoesNotContain("Password=secret", JsonSerializer.Serialize(list));

        // One account's status and trigger need its name once there are several.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("admin/status")).StatusCode);
        var gamma = await ServeEnvironment.StatusAsync(client, "gamma");
        Assert.Equal("gamma", gamma.Account);
        Assert.Equal(Streams.Order(), gamma.Streams.Select(s => s.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("admin/status?account=no-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("admin/trigger?account=alpha", null)).StatusCode);
        await AccountsEnvironment.WaitForAsync(client, l => l.Accounts.Single(a => a.Name == "alpha").LastRun?.Reason == "admin trigger"
                                                            && AccountsEnvironment.Synced(l, "alpha"));
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("alpha", "transactions"));

        // Readiness names each failing account; the metrics carry the account.
        using var ready = await client.GetAsync("healthz/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var problems = await ready.Content.ReadAsStringAsync();
        Assert.Contains("account no-key is not served", problems);
        Assert.DoesNotContain("account alpha", problems);
        var metrics = await client.GetStringAsync("metrics");
        foreach (var name in new[] { "alpha", "beta", "gamma" })
        {
            Assert.True(MetricsText.Sum(metrics, "paystack_sync_records_total", $"account=\"{name}\"", "stream=\"transactions\"") >= ServeEnvironment.RecordsPerStream, metrics);
            Assert.Equal(1, MetricsText.Sum(metrics, "paystack_sync_account_valid", $"account=\"{name}\""));
        }
        Assert.Equal(0, MetricsText.Sum(metrics, "paystack_sync_account_valid", "account=\"no-key\""));
        Assert.True(MetricsText.Sum(metrics, "paystack_sync_run_duration_seconds_count", "account=\"unreachable\"", "outcome=\"failed\"") >= 1, metrics);

        // The status verb lists every account with its state.
        var status = await CliRunner.RunAsync(["status"], new Dictionary<string, string?>
        {
            ["PAYSTACK_SYNC_ADMIN_URL"] = host.Addresses[0].ToString(), ["PAYSTACK_SYNC_ADMIN_TOKEN"] = ServeEnvironment.Token,
        });
        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var expected in new[] { "alpha", "beta", "gamma", "no-key", "invalid", "unreachable", "failing" })
            Assert.Contains(expected, status.Stdout);
    }

    [Fact]
    public async Task Adding_changing_and_removing_accounts_in_the_file_takes_effect_without_a_restart()
    {
        await using var environment = await AccountsEnvironment.StartAsync();
        var sandbox = environment.Serve.Sandbox;
        var alpha = environment.FromVariable("alpha", sandbox.Options.TestKey, sandbox.BaseUrl, streams: "transactions");
        var beta = environment.FromFile("beta", sandbox.Options.LiveKey, sandbox.BaseUrl, streams: "transactions");
        environment.Write(alpha, beta);
        await using var host = await ServeHost.StartAsync(environment.Options(), new LockedStringWriter());
        using var client = ServeEnvironment.Client(host.Addresses[0]);
        await AccountsEnvironment.WaitForAsync(client, l => AccountsEnvironment.Synced(l, "alpha") && AccountsEnvironment.Synced(l, "beta"));

        // beta leaves, gamma comes, alpha gains a stream.
        alpha["streams"] = new JsonArray("transactions", "customers");
        environment.Write(alpha, environment.FromFile("gamma", environment.Second.Options.TestKey, environment.Second.BaseUrl));

        var list = await AccountsEnvironment.WaitForAsync(client, l =>
            l.Accounts.Select(a => a.Name).SequenceEqual(["alpha", "gamma"])
            && AccountsEnvironment.Synced(l, "gamma") && AccountsEnvironment.Synced(l, "alpha")
            && l.Accounts.Single(a => a.Name == "alpha").LastRun!.Records > 0);
        foreach (var stream in Streams)
        {
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("alpha", stream));
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("gamma", stream));
        }
        Assert.Equal(ServeEnvironment.RecordsPerStream, list.Accounts.Single(a => a.Name == "alpha").LastRun!.Records);
        var actors = await client.GetStringAsync("admin/actors");
        Assert.Contains("runner-gamma", actors);
        Assert.DoesNotContain("runner-beta", actors);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("admin/trigger?account=beta", null)).StatusCode);

        // A file that cannot be read changes nothing, and says why.
        await File.WriteAllTextAsync(environment.AccountsPath, "{ \"accounts\": [");
        var broken = await AccountsEnvironment.WaitForAsync(client, l => l.SourceProblem is not null);
        Assert.Contains("not valid JSON", broken.SourceProblem);
        Assert.Equal(["alpha", "gamma"], broken.Accounts.Select(a => a.Name));
    }

    [Fact]
    public async Task A_changed_account_lets_its_run_going_finish_then_runs_with_its_new_settings()
    {
        await using var environment = await AccountsEnvironment.StartAsync(
            sandbox => sandbox.Faults.Latency = TimeSpan.FromMilliseconds(300), ServeEnvironment.SlowEngine);
        var sandbox = environment.Serve.Sandbox;
        var alpha = environment.FromVariable("alpha", sandbox.Options.TestKey, sandbox.BaseUrl, streams: "transactions");
        environment.Write(alpha);
        var log = new LockedStringWriter();
        await using var host = await ServeHost.StartAsync(environment.Options(), log);
        using var client = ServeEnvironment.Client(host.Addresses[0]);
        var first = await ServeEnvironment.WaitForAsync(client, s => s.CurrentRun?.RunId is not null && s.Streams.Single().PagesDone >= 2);

        alpha["streams"] = new JsonArray("transactions", "customers");
        environment.Write(alpha);

        AdminModels.AccountList done;
        try
        {
            await AccountsEnvironment.WaitForAsync(client, l => l.Accounts.Single().State == "starting");
            done = await AccountsEnvironment.WaitForAsync(client, l =>
                AccountsEnvironment.Synced(l, "alpha") && l.Accounts.Single().LastRun!.RunId != first.CurrentRun!.RunId);
        }
        catch (Xunit.Sdk.XunitException failed)
        {
            throw new Xunit.Sdk.XunitException($"{failed.Message}\nLog:\n{log}");
        }
        Assert.Equal("schedule", done.Accounts.Single().LastRun!.Reason);
        foreach (var stream in Streams)
            Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("alpha", stream));
        var lines = log.ToString();
        Assert.Contains("Account alpha changed", lines);
        Assert.Contains("letting the run started", lines);
        Assert.DoesNotContain("Run cancelled", lines);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(lines, "Run [0-9T-]+-[0-9a-f]+ of account alpha succeeded"));
    }

    [Fact]
    public async Task Sighup_reloads_the_accounts_and_a_fixed_key_file_brings_its_account_in()
    {
        await using var environment = await AccountsEnvironment.StartAsync();
        var sandbox = environment.Serve.Sandbox;
        var beta = environment.FromFile("beta", sandbox.Options.LiveKey, sandbox.BaseUrl, streams: "transactions");
        await File.WriteAllTextAsync(environment.KeyFile("beta"), "not a key\n");
        environment.Write(environment.FromFile("alpha", sandbox.Options.TestKey, sandbox.BaseUrl, streams: "transactions"), beta);
        var port = ServeEnvironment.FreePort();

        // A test runner started under nohup passes its ignored SIGHUP on (serve then warns, as the next test shows): give serve the default.
        await using var serve = RunningCli.Start(
        [
            "serve", "--accounts", environment.AccountsPath, "--hocon", environment.Serve.HoconPath, "--every", "1h",
            "--admin-urls", $"http://127.0.0.1:{port}",
        ], launcher: HangUpSignal.Ignored() ? ["env", "--default-signal=HUP"] : null);
        using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"), token: null);
        var before = await AccountsEnvironment.WaitForAsync(client, l => AccountsEnvironment.Synced(l, "alpha"), serve: serve);
        Assert.Contains("does not look like a Paystack secret key", before.Accounts.Single(a => a.Name == "beta").Problem);

        // The key file is not watched: the operator fixes it and sends SIGHUP.
        await File.WriteAllTextAsync(environment.KeyFile("beta"), sandbox.Options.LiveKey + "\n");
        using (var hangUp = System.Diagnostics.Process.Start("kill", ["-HUP", serve.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await hangUp.WaitForExitAsync();

        await AccountsEnvironment.WaitForAsync(client, l => AccountsEnvironment.Synced(l, "beta"), serve: serve);
        Assert.False(serve.HasExited, serve.Stderr);
        Assert.Equal((ServeEnvironment.RecordsPerStream, ServeEnvironment.RecordsPerStream), environment.Count("beta", "transactions"));
        Assert.Contains("SIGHUP", serve.Stderr);
        Assert.DoesNotContain(sandbox.Options.LiveKey, serve.Stderr);
        Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(40)));
    }

    [Fact]
    public async Task Serve_started_ignoring_sighup_says_that_kill_hup_will_not_reload()
    {
        await using var environment = await AccountsEnvironment.StartAsync();
        var sandbox = environment.Serve.Sandbox;
        environment.Write(environment.FromFile("alpha", sandbox.Options.TestKey, sandbox.BaseUrl, streams: "transactions"));
        var port = ServeEnvironment.FreePort();

        await using var serve = RunningCli.Start(
        [
            "serve", "--accounts", environment.AccountsPath, "--hocon", environment.Serve.HoconPath, "--every", "1h",
            "--admin-urls", $"http://127.0.0.1:{port}",
        ], launcher: ["nohup"]);
        using var client = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{port}/"), token: null);
        await AccountsEnvironment.WaitForAsync(client, l => AccountsEnvironment.Synced(l, "alpha"), serve: serve);

        Assert.Contains("SIGHUP is ignored by this process", serve.Stderr);
        Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(40)));
    }

    /// <summary>An entry whose PostgreSQL destination listens nowhere: its runs fail, naming where they tried.</summary>
    private static JsonObject Unreachable(AccountsEnvironment environment, int closedPort)
    {
        File.WriteAllText(environment.KeyFile("alpha-copy"), environment.Serve.Sandbox.Options.TestKey);
        return new JsonObject
        {
        ["name"] = "unreachable",
        ["secret_key_file"] = Path.GetFileName(environment.KeyFile("alpha-copy")),
        ["start_date"] = "2023-01-01T00:00:00Z",
        ["base_url"] = environment.Serve.Sandbox.BaseUrl.ToString(),
        ["destination"] = $"postgres:Host=127.0.0.1;Port={closedPort};Username=sync;Password=secret;Database=paystack;Timeout=3",
        ["streams"] = new JsonArray("transactions"),
        };
    }
}
