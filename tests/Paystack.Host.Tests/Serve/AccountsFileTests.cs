using System.Text.Json.Nodes;
using Paystack.Host.Serve;
using Paystack.Host.Serve.Accounts;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Serve;

/// <summary>The accounts file: each entry checked on its own, bad ones named with their problem, keys never inline unless allowed.</summary>
public sealed class AccountsFileTests : IDisposable
{
    private const string Key = "sk_test_accountsfile0001";
    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-accounts-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["ACME_KEY"] = Key, ["GLOBEX_KEY"] = "sk_live_accountsfile0002" };

    private string FilePath => Path.Combine(_folder, "accounts.json");

    private AccountsLoad Load(JsonObject file, RunSchedule? defaultSchedule = null)
    {
        File.WriteAllText(FilePath, file.ToJsonString());
        return new AccountsFile(FilePath, new AccountDefaults(defaultSchedule, TimeSpan.Zero), n => _environment.GetValueOrDefault(n)).Load();
    }

    private static JsonObject Entry(string name, string keyVariable = "ACME_KEY", string? destination = null) => new()
    {
        ["name"] = name,
        ["secret_key_env"] = keyVariable,
        ["start_date"] = "2023-01-01T00:00:00Z",
        ["destination"] = destination ?? $"sqlite:{name}.db",
        ["every"] = "15m",
    };

    private static JsonObject File_(params JsonObject[] entries) => new() { ["accounts"] = new JsonArray(entries) };

    [Fact]
    public void An_entry_takes_its_key_destination_schedule_streams_and_mode()
    {
        var entry = Entry("acme");
        entry["streams"] = new JsonArray("transactions", "refunds");
        entry["mode"] = "overwrite";
        var keyFile = Path.Combine(_folder, "globex.key");
        File.WriteAllText(keyFile, "sk_live_accountsfile0002\n");
        var globex = Entry("globex");
        globex.Remove("secret_key_env");
        globex["secret_key_file"] = "globex.key";
        globex.Remove("every");
        globex["cron"] = "0 3 * * *";

        var load = Load(File_(entry, globex));

        Assert.Empty(load.Problems);
        var acme = load.Accounts[0];
        Assert.Equal("acme", acme.Name);
        Assert.Equal("acme", acme.Request.Source.AccountId);
        Assert.Equal(Key, acme.Request.Source.SecretKey);
        Assert.Equal(Path.Combine(_folder, "acme.db"), acme.Request.Destination.Target);
        Assert.Equal(["transactions", "refunds"], acme.Request.Streams.Select(s => s.Name).Order().Reverse());
        Assert.Equal(Paystack.Actors.Destinations.WriteMode.Overwrite, acme.Request.WriteMode);
        Assert.Equal(Paystack.Actors.State.SyncMode.FullRefresh, acme.Request.Mode);
        Assert.Equal("every 15m", acme.Schedule.Description);
        Assert.Equal("sk_live_accountsfile0002", load.Accounts[1].Request.Source.SecretKey);
        Assert.Equal("cron '0 3 * * *' (UTC)", load.Accounts[1].Schedule.Description);
    }

    [Fact]
    public void A_key_written_into_the_file_is_refused_unless_the_file_allows_it()
    {
        var entry = Entry("acme");
        entry.Remove("secret_key_env");
        entry["secret_key"] = Key;

        var refused = Load(File_(entry));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("acme", problem.Name);
        Assert.Contains("allow_inline_key", problem.Problem);
        Assert.DoesNotContain(Key, problem.Problem);
        Assert.Empty(refused.Accounts);

        var allowed = Load(new JsonObject { ["allow_inline_key"] = true, ["accounts"] = new JsonArray(entry.DeepClone()) });
        Assert.Empty(allowed.Problems);
        Assert.Equal(Key, Assert.Single(allowed.Accounts).Request.Source.SecretKey);
    }

    [Fact]
    public void Bad_entries_are_named_with_every_problem_and_the_good_ones_are_kept()
    {
        var unsetKey = Entry("no-key", keyVariable: "UNSET_KEY");
        var badDate = Entry("bad-date");
        badDate["start_date"] = "1970-01-01T00:00:00Z";
        badDate["mode"] = "mirror";
        var typo = Entry("typo");
        typo["stream"] = new JsonArray("transactions");
        var sameDestination = Entry("copy", destination: "sqlite:acme.db");
        var sameName = Entry("acme", destination: "sqlite:other.db");
        var nameless = Entry("x");
        nameless.Remove("name");
        var noSchedule = Entry("no-schedule");
        noSchedule.Remove("every");
        var badKey = Entry("bad-key", keyVariable: "GLOBEX_KEY");
        _environment["GLOBEX_KEY"] = "pk_live_notasecret";

        var load = Load(File_(Entry("acme"), unsetKey, badDate, typo, sameDestination, sameName, nameless, noSchedule, badKey));

        Assert.Equal("acme", Assert.Single(load.Accounts).Name);
        var problems = load.Problems.ToDictionary(p => p.Name, p => p.Problem);
        Assert.Equal(new[] { "bad-date", "bad-key", "copy", "entry 7", "no-key", "no-schedule", "typo", "acme" }.Order(), problems.Keys.Order());
        Assert.Contains("environment variable UNSET_KEY is not set", problems["no-key"]);
        Assert.Contains("start_date", problems["bad-date"]);
        Assert.Contains("\"mode\" must be append, overwrite or append_dedup", problems["bad-date"]);
        Assert.Contains("unknown key 'stream' (did you mean streams?)", problems["typo"]);
        Assert.Contains("account acme's too", problems["copy"]);
        Assert.Contains("taken by an earlier entry", problems["acme"]);
        Assert.Contains("\"name\" is missing", problems["entry 7"]);
        Assert.Contains("no schedule", problems["no-schedule"]);
        Assert.Contains("does not look like a Paystack secret key", problems["bad-key"]);
        Assert.DoesNotContain("pk_live_notasecret", string.Join(" ", problems.Values));
    }

    [Fact]
    public void An_entry_without_a_schedule_takes_the_one_serve_was_given()
    {
        var entry = Entry("acme");
        entry.Remove("every");

        var load = Load(File_(entry), RunSchedule.Parse("30m", null));

        Assert.Equal("every 30m", Assert.Single(load.Accounts).Schedule.Description);
    }

    [Fact]
    public void Changing_an_entry_or_its_key_changes_its_fingerprint()
    {
        var first = Load(File_(Entry("acme"))).Accounts[0].Fingerprint;
        Assert.Equal(first, Load(File_(Entry("acme"))).Accounts[0].Fingerprint);
        _environment["ACME_KEY"] = "sk_test_rolledkey0000002";
        Assert.NotEqual(first, Load(File_(Entry("acme"))).Accounts[0].Fingerprint);
        Assert.DoesNotContain("sk_test_rolledkey0000002", Load(File_(Entry("acme"))).Accounts[0].Fingerprint);
    }

    [Fact]
    public void A_file_that_is_not_an_accounts_file_is_refused_as_a_whole()
    {
        File.WriteAllText(FilePath, "{ \"acounts\": [] }");
        var unknown = Assert.Throws<ArgumentException>(() => new AccountsFile(FilePath, new AccountDefaults(null, TimeSpan.Zero)).Load());
        Assert.Contains("unknown key 'acounts' (did you mean accounts?)", unknown.Message);
        var missing = Assert.Throws<ArgumentException>(() => new AccountsFile(Path.Combine(_folder, "none.json"), new AccountDefaults(null, TimeSpan.Zero)).Load());
        Assert.Contains("does not exist", missing.Message);
    }

    [Theory]
    [InlineData("--destination", "sqlite:x.db", "put --destination")]
    [InlineData("--webhooks", null, "--webhooks receives one account's webhooks")]
    public async Task Serve_refuses_per_account_options_beside_an_accounts_file(string option, string? value, string message)
    {
        File.WriteAllText(FilePath, File_(Entry("acme")).ToJsonString());
        string[] args = value is null ? [option] : [option, value];

        var result = await CliRunner.RunAsync(["serve", "--accounts", FilePath, .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task Serve_without_an_account_or_with_an_unreadable_accounts_file_exits_2()
    {
        var none = await CliRunner.RunAsync("serve", "--every", "1h");
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("--config FILE for one account, or --accounts FILE for many", none.Stderr);

        File.WriteAllText(FilePath, "{ \"accounts\": [");
        var broken = await CliRunner.RunAsync("serve", "--accounts", FilePath);
        Assert.True(broken.ExitCode == 2, broken.ToString());
        Assert.Contains("is not valid JSON", broken.Stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
