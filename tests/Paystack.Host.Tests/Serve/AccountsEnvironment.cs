using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Paystack.Host.Admin;
using Paystack.Host.Serve;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Serve;

/// <summary>
/// Serve with an accounts file: the serve environment's sandbox (its test and live keys are two accounts) and a second
/// sandbox with a key of its own (a third), each account syncing into a SQLite file of its own.
/// </summary>
internal sealed class AccountsEnvironment : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<string> _variables = [];

    private AccountsEnvironment(ServeEnvironment serve, SandboxServer second)
    {
        Serve = serve;
        Second = second;
    }

    public ServeEnvironment Serve { get; }

    /// <summary>A second Paystack, whose test key is not the first one's.</summary>
    public SandboxServer Second { get; }

    public string Folder => Serve.Folder;

    public string AccountsPath => Path.Combine(Folder, "accounts.json");

    /// <param name="configure">Changes to the first sandbox (latency, say).</param>
    /// <param name="extraHocon">More settings, after the test defaults.</param>
    public static async Task<AccountsEnvironment> StartAsync(Action<SandboxOptions>? configure = null, string extraHocon = "")
    {
        var serve = await ServeEnvironment.StartAsync(configure, "paystack-sync.rate-limits.live-requests = 100000\n" + extraHocon);
        var second = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = ServeEnvironment.RecordsPerStream, TestRateLimit = 100_000, TestKey = "sk_test_secondsandbox",
        });
        return new AccountsEnvironment(serve, second);
    }

    /// <summary>An entry whose key comes from an environment variable set here (and unset when the environment ends).</summary>
    public JsonObject FromVariable(string name, string key, Uri baseUrl, string streams = "transactions,customers")
    {
        var variable = $"PAYSTACK_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, key);
        _variables.Add(variable);
        return Entry(name, baseUrl, streams, new JsonObject { ["secret_key_env"] = variable });
    }

    /// <summary>An entry whose key comes from a file of its own (written here, with the line break editors add).</summary>
    public JsonObject FromFile(string name, string key, Uri baseUrl, string streams = "transactions,customers")
    {
        var file = KeyFile(name);
        File.WriteAllText(file, key + "\n");
        return Entry(name, baseUrl, streams, new JsonObject { ["secret_key_file"] = Path.GetFileName(file) });
    }

    public string KeyFile(string name) => Path.Combine(Folder, $"{name}.key");

    /// <summary>Where an account's rows land: a SQLite file named after it, beside the accounts file.</summary>
    public string DestinationOf(string name) => Path.Combine(Folder, $"{name}.db");

    private JsonObject Entry(string name, Uri baseUrl, string streams, JsonObject key)
    {
        var entry = new JsonObject
        {
            ["name"] = name,
            ["start_date"] = "2023-01-01T00:00:00Z",
            ["base_url"] = baseUrl.ToString(),
            ["destination"] = $"sqlite:{name}.db",
            ["streams"] = new JsonArray(streams.Split(',').Select(s => (JsonNode)s).ToArray()),
        };
        foreach (var (field, value) in key) entry[field] = value!.DeepClone();
        return entry;
    }

    /// <summary>Writes the accounts file (in one rename, as configuration tools do, so it is never read half-written).</summary>
    public void Write(params JsonObject[] entries)
    {
        var temporary = AccountsPath + ".tmp";
        File.WriteAllText(temporary, new JsonObject { ["accounts"] = new JsonArray(entries.Select(e => (JsonNode)e.DeepClone()).ToArray()) }.ToJsonString());
        File.Move(temporary, AccountsPath, overwrite: true);
    }

    public ServeOptions Options(params string[] extra) => ServeCommandLine.Parse(
    [
        "--accounts", AccountsPath, "--hocon", Serve.HoconPath, "--every", "1h",
        "--admin-urls", "http://127.0.0.1:0", "--admin-token", ServeEnvironment.Token, .. extra,
    ]);

    public static async Task<AdminModels.AccountList> AccountsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<AdminModels.AccountList>("admin/accounts", Json))!;

    /// <summary>
    /// Polls the account list until <paramref name="condition"/> holds; fails with the last list otherwise, and with what
    /// <paramref name="serve"/> (when given) logged and whether it is still running.
    /// </summary>
    public static async Task<AdminModels.AccountList> WaitForAsync(
        HttpClient client, Func<AdminModels.AccountList, bool> condition, TimeSpan? timeout = null, RunningCli? serve = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        AdminModels.AccountList? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await AccountsAsync(client);
                if (condition(last)) return last;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        var process = serve is null ? "" : $"\n--- serve {(serve.HasExited ? $"exited {serve.ExitCode}" : "still running")}, its stderr:\n{serve.Stderr}";
        throw new Xunit.Sdk.XunitException($"The accounts never matched. Last: {JsonSerializer.Serialize(last, Json)}{process}");
    }

    /// <summary>The account exists, no run of it is going and its last run succeeded.</summary>
    public static bool Synced(AdminModels.AccountList list, string name) =>
        list.Accounts.SingleOrDefault(a => a.Name == name) is { State: "idle", LastRun.State: "succeeded" };

    /// <summary>Rows and distinct ids in a stream's table of an account's destination.</summary>
    public (long Rows, long Distinct) Count(string account, string stream)
    {
        using var connection = new SqliteConnection($"Data Source={DestinationOf(account)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT id) FROM \"{stream}\"";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var variable in _variables) Environment.SetEnvironmentVariable(variable, null);
        await Second.DisposeAsync();
        await Serve.DisposeAsync();
    }
}
