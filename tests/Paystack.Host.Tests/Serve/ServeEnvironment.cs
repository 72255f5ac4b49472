using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paystack.Host.Admin;
using Paystack.Host.Serve;
using Paystack.Sandbox;

namespace Paystack.Host.Tests.Serve;

/// <summary>A sandbox, a temp folder with the source config and a HOCON file scaled for tests, and helpers to run serve against them.</summary>
internal sealed class ServeEnvironment : IAsyncDisposable
{
    public const int RecordsPerStream = 100;
    public const string Token = "test-admin-token-0123456789";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ServeEnvironment(SandboxServer sandbox, string folder)
    {
        Sandbox = sandbox;
        Folder = folder;
    }

    public SandboxServer Sandbox { get; }
    public string Folder { get; }
    public string ConfigPath => Path.Combine(Folder, "config.json");
    public string HoconPath => Path.Combine(Folder, "serve.conf");
    public string DestinationPath => Path.Combine(Folder, "out.db");
    public string JournalPath => Path.Combine(Folder, "journal.db");
    public string SecretKey => Sandbox.Options.TestKey;

    /// <param name="extraHocon">More settings, after the test defaults (a slower engine to keep a run going, say).</param>
    public static async Task<ServeEnvironment> StartAsync(Action<SandboxOptions>? configure = null, string extraHocon = "")
    {
        var options = new SandboxOptions { RecordsPerStream = RecordsPerStream, TestRateLimit = 100_000 };
        configure?.Invoke(options);
        var sandbox = await SandboxServer.StartAsync(options);
        var folder = Directory.CreateTempSubdirectory("paystack-serve-").FullName;
        var environment = new ServeEnvironment(sandbox, folder);
        await File.WriteAllTextAsync(environment.ConfigPath, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["secret_key"] = options.TestKey,
            ["start_date"] = "2023-01-01T00:00:00Z",
            ["base_url"] = sandbox.BaseUrl.ToString(),
        }));
        await File.WriteAllTextAsync(environment.HoconPath, $$"""
            paystack-sync {
              persistence.connection-string = "Data Source={{environment.JournalPath}}"
              rate-limits { test-requests = 100000, period = 2s }
              engine { settle-delay = 0s, window-length = 180d, stream-restart-min-backoff = 100ms, stream-restart-max-backoff = 500ms }
              http { retry-base-delay = 20ms, retry-max-delay = 200ms, max-retries = 8, request-timeout = 10s }
            }
            {{extraHocon}}
            """);
        return environment;
    }

    /// <summary>Small pages fetched one at a time: with sandbox latency a run lasts long enough to look at.</summary>
    public const string SlowEngine = "paystack-sync.engine { page-size = 10, fetchers-per-stream = 1 }";

    /// <summary>Serve's options for an in-process host, parsed from a command line by serve's own option parser.</summary>
    /// <param name="extra">More arguments, e.g. <c>--journal</c> or <c>--full-refresh</c>.</param>
    public ServeOptions Options(
        string? token = Token, bool runAtStart = true, string? streams = null, string every = "1h", IEnumerable<string>? extra = null)
    {
        List<string> args =
        [
            "--config", ConfigPath, "--hocon", HoconPath, "--destination", $"sqlite:{DestinationPath}",
            "--every", every, "--admin-urls", "http://127.0.0.1:0",
        ];
        if (token is not null) args.AddRange(["--admin-token", token]);
        if (!runAtStart) args.Add("--no-run-at-start");
        if (streams is not null) args.AddRange(["--streams", streams]);
        args.AddRange(extra ?? []);
        return ServeCommandLine.Parse(args);
    }

    /// <summary>The serve arguments for the executable, with the admin endpoint on <paramref name="port"/>.</summary>
    public string[] ServeArguments(int port, params string[] extra) =>
    [
        "serve", "--config", ConfigPath, "--hocon", HoconPath, "--destination", $"sqlite:{DestinationPath}",
        "--every", "1h", "--admin-urls", $"http://127.0.0.1:{port}", .. extra,
    ];

    public static HttpClient Client(Uri baseUrl, string? token = Token)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <param name="account">The account, for a service with several.</param>
    public static async Task<AdminModels.Status> StatusAsync(HttpClient client, string? account = null) =>
        (await client.GetFromJsonAsync<AdminModels.Status>(account is null ? "admin/status" : $"admin/status?account={account}", Json))!;

    /// <summary>Polls the status until <paramref name="condition"/> holds; fails with the last status otherwise.</summary>
    public static async Task<AdminModels.Status> WaitForAsync(HttpClient client, Func<AdminModels.Status, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        AdminModels.Status? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await StatusAsync(client);
                if (condition(last)) return last;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"The status never matched. Last: {JsonSerializer.Serialize(last, Json)}");
    }

    public static bool LastRunSucceeded(AdminModels.Status status) => status.CurrentRun is null && status.LastRun?.State == "succeeded";

    /// <summary>Rows and distinct ids in a stream's table of the destination.</summary>
    public (long Rows, long Distinct) Count(string stream)
    {
        using var connection = new SqliteConnection($"Data Source={DestinationPath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT id) FROM \"{stream}\"";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static int FreePort() => FreePorts(1)[0];

    /// <summary>
    /// Ports free now and different from each other: each is held until all are chosen (one at a time, the system may
    /// hand the port it just took back again).
    /// </summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            foreach (var listener in listeners) listener.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
