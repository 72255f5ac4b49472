using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Paystack.Sandbox;

namespace Paystack.Bench.Cluster;

/// <summary>
/// One cluster on this machine: a sandbox serving every account its own key, data set, rate limit and request log (in
/// this process, so the bench reads each key's log), a PostgreSQL journal and one destination schema per account (all
/// dropped after), the accounts file and HOCON every node reads, and the <c>serve --cluster</c> processes.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _folder = Directory.CreateTempSubdirectory("paystack-cluster-bench-").FullName;
    private readonly string _schemaPrefix = "cb" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _server;
    private readonly string _hostDll;
    private readonly List<NodeProcess> _nodes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _seedPort;

    private ClusterRig(RigSettings settings, SandboxServer sandbox, string server, string hostDll)
    {
        Settings = settings;
        Sandbox = sandbox;
        _server = server;
        _hostDll = hostDll;
    }

    public RigSettings Settings { get; }

    public SandboxServer Sandbox { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public IReadOnlyList<string> Names => Enumerable.Range(1, Settings.Accounts).Select(Name).ToList();

    public static async Task<ClusterRig> StartAsync(RigSettings settings, string hostDll, int sandboxAccounts)
    {
        if (!File.Exists(hostDll))
            throw new FileNotFoundException($"The host {hostDll} does not exist; build it with `dotnet build -c Release src/Host` or pass --sandbox-dll PATH.");
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 0,
            Records = PerStream(settings.RecordsPerStream),
            GeneratedAccounts = sandboxAccounts,
            TestRateLimit = settings.SandboxLimit,
            RateLimitWindow = settings.Window,
            MaxPageSize = Math.Max(100, settings.PageSize),
            Faults = { Latency = settings.Latency },
        });
        var rig = new ClusterRig(settings, sandbox, BenchPostgres.ConnectionString, hostDll);
        await rig.ExecuteAsync($"CREATE SCHEMA \"{rig._schemaPrefix}_journal\"");
        rig.WriteAccounts();
        rig.WriteHocon();
        return rig;

        static Dictionary<string, int> PerStream(int records) => RigSettings.Paths.ToDictionary(p => p, _ => records);
    }

    public static string Name(int number) => $"shop-{number:D2}";

    public SandboxAccount SandboxOf(string name) =>
        Sandbox.Account(SandboxOptions.GeneratedAccountKey(int.Parse(name[5..], CultureInfo.InvariantCulture)));

    /// <summary>Starts a member; the first one started is every member's seed.</summary>
    public NodeProcess StartNode()
    {
        var (clusterPort, adminPort) = TwoFreePorts();
        if (_nodes.Count == 0) _seedPort = clusterPort;
        var admin = new Uri($"http://127.0.0.1:{adminPort}/");
        var node = NodeProcess.Start(_hostDll,
        [
            "serve", "--cluster", "--accounts", Path.Combine(_folder, "accounts.json"), "--hocon", Path.Combine(_folder, "cluster.conf"),
            "--journal", $"postgres:{Connection("journal")}", "--cluster-port", clusterPort.ToString(CultureInfo.InvariantCulture),
            "--seed-node", $"127.0.0.1:{_seedPort}", "--admin-urls", admin.ToString().TrimEnd('/'),
            "--no-run-at-start", // the bench's triggers start every run it measures
        ], clusterPort, admin);
        _nodes.Add(node);
        return node;
    }

    public MemberView? MemberOf(MembersView members, NodeProcess node) =>
        members.All.FirstOrDefault(m => m.Address.EndsWith($":{node.ClusterPort}", StringComparison.Ordinal));

    public Task<AccountsView> AccountsAsync(NodeProcess via) => GetAsync<AccountsView>(via, "admin/accounts");

    public Task<MembersView> MembersAsync(NodeProcess via) => GetAsync<MembersView>(via, "admin/cluster");

    public async Task TriggerAsync(NodeProcess via, string account)
    {
        using var response = await _http.PostAsync(new Uri(via.Admin, $"admin/trigger?account={account}"), null);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"trigger {account}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every member Up and owning its share: the accounts all owned, spread over every member, unchanged for a while (<see cref="ClusterTimings.Stable"/>).</summary>
    public async Task<MembersView> SpreadAsync(int members, TimeSpan timeout)
    {
        string? last = null;
        var stableSince = DateTimeOffset.MaxValue;
        return await UntilAsync(() => MembersAsync(_nodes[0]), m =>
        {
            var spread = m.All.Count(x => x.Status == "Up") == members && m.All.Sum(x => x.Accounts.Count) == Settings.Accounts
                         && m.All.All(x => x.Accounts.Count > 0);
            var shape = string.Join(";", m.All.Select(x => $"{x.Address}={x.Accounts.Count}"));
            if (!spread || shape != last) (last, stableSince) = (shape, DateTimeOffset.UtcNow);
            return spread && DateTimeOffset.UtcNow - stableSince >= Settings.Timings.Stable;
        }, $"{members} members up sharing the {Settings.Accounts} accounts", timeout);
    }

    /// <summary>Polls <paramref name="read"/> every 200 ms until <paramref name="condition"/> holds; answers that fail while a member is lost are skipped.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T? last = default;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await read();
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"Never: {what}. Last: {JsonSerializer.Serialize(last, Json)}\n{string.Join("\n---\n", _nodes.Select(n => n.Tail()))}");
    }

    /// <summary>Rows in every account's destination tables together.</summary>
    public async Task<long> DestinationRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_schema LIKE @prefix AND table_name = ANY(@streams)", connection))
        {
            list.Parameters.AddWithValue("prefix", _schemaPrefix + "_shop%");
            list.Parameters.AddWithValue("streams", RigSettings.Streams);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        if (tables.Count == 0) return 0;
        await using var count = new NpgsqlCommand(string.Join(" + ", tables.Select(t => $"(SELECT count(*) FROM {t})")).Insert(0, "SELECT "), connection);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The ids in one account's destination table (to check every record arrived once).</summary>
    public async Task<List<string>> IdsAsync(string account, string stream)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT id::text FROM \"{Schema(account)}\".\"{stream}\"", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The ids the sandbox serves this account for <paramref name="path"/> since the accounts' start date.</summary>
    public IReadOnlyList<string> ExpectedIds(string account, string path) =>
        SandboxOf(account).Store.Ids(path, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(-1));

    public async ValueTask DisposeAsync()
    {
        // PAYSTACK_BENCH_NODE_LOGS=DIR keeps every member's log (node-PORT.log), e.g. to see what a failover waited for.
        if (Environment.GetEnvironmentVariable("PAYSTACK_BENCH_NODE_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            foreach (var node in _nodes) node.SaveLog(Path.Combine(logs, $"node-{node.ClusterPort}.log"));
        }
        foreach (var node in _nodes) await node.DisposeAsync();
        await Sandbox.DisposeAsync();
        _http.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            var schemas = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE @prefix", connection))
            {
                list.Parameters.AddWithValue("prefix", _schemaPrefix + "%");
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
            }
            foreach (var schema in schemas) await BenchPostgres.DropSchemaAsync(schema);
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Schema(string account) => $"{_schemaPrefix}_{account.Replace('-', '_')}";

    private string Connection(string schema) =>
        new NpgsqlConnectionStringBuilder(_server) { SearchPath = $"{_schemaPrefix}_{schema}" }.ConnectionString;

    private void WriteAccounts()
    {
        var entries = new JsonArray();
        foreach (var name in Names)
        {
            File.WriteAllText(Path.Combine(_folder, $"{name}.key"),
                SandboxOptions.GeneratedAccountKey(int.Parse(name[5..], CultureInfo.InvariantCulture)) + "\n");
            entries.Add(new JsonObject
            {
                ["name"] = name, ["secret_key_file"] = $"{name}.key", ["start_date"] = "2023-01-01T00:00:00Z",
                ["base_url"] = Sandbox.BaseUrl.ToString(),
                ["destination"] = $"postgres:{Connection(name.Replace('-', '_'))}",
                ["streams"] = new JsonArray(RigSettings.Streams.Select(s => (JsonNode)s).ToArray()), ["every"] = Settings.Every,
            });
        }
        File.WriteAllText(Path.Combine(_folder, "accounts.json"), new JsonObject { ["accounts"] = entries }.ToJsonString());
    }

    private void WriteHocon()
    {
        var seconds = Settings.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_folder, "cluster.conf"), $$"""
            paystack-sync {
              rate-limits { test-requests = {{Settings.EngineBudget}}, period = {{seconds}}s }
              engine { settle-delay = 0s, page-size = {{Settings.PageSize}} }
              cluster { number-of-shards = {{Settings.Shards}} }
            }
            {{Settings.Timings.Hocon}}
            """);
    }

    private async Task<T> GetAsync<T>(NodeProcess via, string path) =>
        (await _http.GetFromJsonAsync<T>(new Uri(via.Admin, path), Json))!;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Two free ports, different from each other: the first is held while the second is chosen.</summary>
    private static (int, int) TwoFreePorts()
    {
        using var first = new TcpListener(System.Net.IPAddress.Loopback, 0);
        using var second = new TcpListener(System.Net.IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((System.Net.IPEndPoint)first.LocalEndpoint).Port, ((System.Net.IPEndPoint)second.LocalEndpoint).Port);
    }
}
