using System.Net;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Paystack.Actors.Paystack;
using Paystack.Host.Serve.Cluster;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Serve;
using Paystack.Host.Tests.Sync;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Cluster;

/// <summary>
/// What the process-level cluster tests share: a temp folder with one accounts file, a sandbox serving each generated
/// account its own key, data set, limit and request log, a PostgreSQL journal schema, and <c>serve --cluster</c>
/// processes on fixed ports (a node can be stopped and a replacement started on the same ports).
/// </summary>
internal sealed class ClusterProcesses : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public static readonly DateTimeOffset StartDate = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ClusterProcesses(ITestOutputHelper output, string server, string journal, SandboxServer sandbox, string folder)
    {
        _output = output;
        Server = server;
        Journal = journal;
        Sandbox = sandbox;
        Folder = folder;
    }

    /// <summary>The PostgreSQL server the tests share (<see cref="SyncDestinations.PostgresVariable"/>).</summary>
    public string Server { get; }

    /// <summary>The journal's connection string: its own schema on <see cref="Server"/>.</summary>
    public string Journal { get; }

    public SandboxServer Sandbox { get; }

    public string Folder { get; }

    public string AccountsPath => Path.Combine(Folder, "accounts.json");

    public string HoconPath => Path.Combine(Folder, "cluster.conf");

    public List<ClusterNode> Nodes { get; } = [];

    /// <summary>Seconds since the cluster was set up, for the figures the tests print.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <summary>PostgreSQL or a skip (a failure under CI=true): cluster mode needs a shared journal.</summary>
    public static string RequirePostgres()
    {
        var server = Environment.GetEnvironmentVariable(SyncDestinations.PostgresVariable);
        Skip.If(server is null && Environment.GetEnvironmentVariable("CI") != "true", $"{SyncDestinations.PostgresVariable} is not set: no PostgreSQL to share.");
        return server ?? throw new InvalidOperationException($"CI=true but {SyncDestinations.PostgresVariable} is not set.");
    }

    public static async Task<ClusterProcesses> StartAsync(ITestOutputHelper output, string server, SandboxOptions sandbox, string folderPrefix)
    {
        var journal = await CreateSchemaAsync(server, "cluster_");
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        return new ClusterProcesses(output, server, journal, await SandboxServer.StartAsync(sandbox), folder);
    }

    /// <summary>Ports for <paramref name="count"/> nodes, none started; the first is every node's seed.</summary>
    public void AddNodes(int count)
    {
        var ports = ServeEnvironment.FreePorts(2 * count); // a node's two ports must differ, and from the other nodes'
        for (var i = 0; i < count; i++) Nodes.Add(new ClusterNode(Nodes.Count, ports[2 * i], ports[2 * i + 1]));
    }

    /// <summary>Starts (or starts again) node <paramref name="index"/>'s process on its ports, joining through node <paramref name="seed"/>.</summary>
    /// <param name="seed">A member already up (the first seed joins itself when none of its seeds answers: a node 0 started
    /// again must join through another, or it would start a cluster of its own).</param>
    /// <param name="runAtStart">
    /// serve's default: an account that has never run runs at once. Off unless asked, so that the tests' own triggers
    /// start every run they count.
    /// </param>
    public void Start(int index, int seed = 0, bool runAtStart = false)
    {
        var node = Nodes[index];
        node.Process = RunningCli.Start(
        [
            "serve", "--cluster", "--accounts", AccountsPath, "--hocon", HoconPath, "--journal", $"postgres:{Journal}",
            "--cluster-port", node.ClusterPort.ToString(CultureInfo.InvariantCulture), "--seed-node", $"127.0.0.1:{Nodes[seed].ClusterPort}",
            "--admin-urls", $"http://127.0.0.1:{node.AdminPort}", "--admin-token", ServeEnvironment.Token,
            .. runAtStart ? Array.Empty<string>() : ["--no-run-at-start"],
        ]);
        node.Expected = false;
        node.Generations.Add(node.Process);
    }

    /// <summary>The sandbox account of generated key <paramref name="number"/>.</summary>
    public SandboxAccount SandboxOf(int number) => Sandbox.Account(SandboxOptions.GeneratedAccountKey(number));

    /// <summary>An accounts-file entry for generated key <paramref name="number"/>, its key in a file of its own.</summary>
    public JsonObject Entry(string name, string key, string destination, IEnumerable<string> streams, string mode = "append_dedup")
    {
        File.WriteAllText(Path.Combine(Folder, $"{name}.key"), key + "\n");
        return new JsonObject
        {
            ["name"] = name, ["secret_key_file"] = $"{name}.key", ["start_date"] = StartDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["base_url"] = Sandbox.BaseUrl.ToString(), ["destination"] = destination, ["mode"] = mode,
            ["streams"] = new JsonArray(streams.Select(s => (JsonNode)s).ToArray()), ["every"] = "1h",
        };
    }

    /// <summary>Writes the accounts file in one rename, as configuration tools do, so no member reads it half-written.</summary>
    public void WriteAccounts(IEnumerable<JsonObject> entries)
    {
        File.WriteAllText(AccountsPath + ".tmp", new JsonObject { ["accounts"] = new JsonArray([.. entries]) }.ToJsonString());
        File.Move(AccountsPath + ".tmp", AccountsPath, overwrite: true);
    }

    /// <summary>Engine and cluster timings scaled down: a lost member is downed in seconds, shards rebalance every second.</summary>
    /// <param name="budget">Requests each node's engine grants a key per <paramref name="window"/>.</param>
    /// <param name="engine">The engine's settings (page size, windows, fetchers).</param>
    /// <param name="rateLimits">Further rate-limit settings (e.g. <c>max-pause = 1m</c>).</param>
    public void WriteHocon(int budget, TimeSpan window, string engine, string rateLimits = "")
    {
        File.WriteAllText(HoconPath, $$"""
            paystack-sync {
              rate-limits { test-requests = {{budget}}, period = {{window.TotalSeconds}}s{{(rateLimits.Length > 0 ? ", " + rateLimits : "")}} }
              engine { {{engine}} }
              http { retry-base-delay = 20ms, retry-max-delay = 200ms, max-retries = 8, request-timeout = 10s }
              cluster { stable-after = 2s, heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s, number-of-shards = 12 }
            }
            akka.cluster.sharding { retry-interval = 500ms, updating-state-timeout = 3s, coordinator-failure-backoff = 1s, shard-start-timeout = 3s }
            akka.cluster.singleton.hand-over-retry-interval = 500ms
            # Not min-nr-of-members: a new shard coordinator allocates nothing while fewer members than that are up, so
            # losing the coordinator's member would stall the accounts. Rebalancing spreads the accounts instead.
            akka.cluster.sharding.rebalance-interval = 1s
            akka.remote.retry-gate-closed-for = 1s
            """);
    }

    /// <summary>A fresh schema's connection string on <paramref name="server"/>.</summary>
    public static async Task<string> CreateSchemaAsync(string server, string prefix)
    {
        var schema = prefix + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>The ids in a stream's table of a SQLite file in the folder, one per row.</summary>
    public List<string> SqliteIds(string file, string stream)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, file)};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM \"{stream}\"";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return ids;
    }

    /// <summary>The ids in a stream's table of the schema a PostgreSQL connection string searches, one per row.</summary>
    public static async Task<List<string>> PostgresIdsAsync(string connectionString, string stream)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id FROM \"{schema}\".\"{stream}\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return ids;
    }

    /// <summary>
    /// The ids the sandbox account holds for a stream, created in [start date, a minute ago); for settlement
    /// transactions, those of its settlements. Not for a point-in-time stream (balances).
    /// </summary>
    public static IReadOnlyList<string> ExpectedIds(SandboxAccount account, string stream)
    {
        var definition = StreamCatalog.Get(stream);
        if (definition.Parent is { } parent)
            return ExpectedIds(account, parent.Stream).SelectMany(account.Store.SettlementTransactionIds).ToList();
        if (definition.ReadAtField is not null)
            throw new ArgumentException($"{stream} is read at a point in time; its records have no ids in the sandbox.", nameof(stream));
        return account.Store.Ids(definition.Path, StartDate, DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string path) => (await client.GetFromJsonAsync<T>(path, Json))!;

    public Task<ClusterModels.AccountList> AccountsAsync(HttpClient client) => GetAsync<ClusterModels.AccountList>(client, "admin/accounts");

    public Task<ClusterModels.Members> MembersAsync(HttpClient client) => GetAsync<ClusterModels.Members>(client, "admin/cluster");

    /// <summary>
    /// Waits until every member is Up and which member owns which account has not changed for a few rebalance
    /// intervals: a test that reads an account's last run afterwards needs it to stay where it ran (an account's status
    /// after a move shows the new owner's runs only).
    /// </summary>
    public async Task<ClusterModels.Members> UntilSpreadSettledAsync(HttpClient client, int members, int accounts)
    {
        string? last = null;
        var since = DateTimeOffset.UtcNow;
        return await UntilAsync(() => MembersAsync(client), m =>
        {
            var spread = string.Join(";", m.All.OrderBy(x => x.Address, StringComparer.Ordinal).Select(x => $"{x.Address}={string.Join(",", x.Accounts.Order(StringComparer.Ordinal))}"));
            if (m.All.Count(x => x.Status == "Up") != members || m.All.Sum(x => x.Accounts.Count) != accounts || spread != last)
            {
                (last, since) = (spread, DateTimeOffset.UtcNow);
                return false;
            }
            return DateTimeOffset.UtcNow - since >= SettledFor;
        }, $"{members} members up owning all {accounts} accounts, unchanged for {SettledFor.TotalSeconds:0} s", seconds: 60);
    }

    /// <summary>Three times the rebalance interval the scaled timings set.</summary>
    private static readonly TimeSpan SettledFor = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Triggers the account's run through <paramref name="client"/>'s member and returns the answer's status; a 503 (the
    /// account's shard was moving, "try again") is tried again, as an operator would, until the deadline. A 409 after a
    /// 503 counts as accepted: the trigger that timed out reached the entity late, and its run is the one going.
    /// </summary>
    public async Task<HttpStatusCode> TriggerAsync(HttpClient client, string account)
    {
        var retried = false;
        var status = await UntilAsync(async () =>
        {
            using var trigger = await client.PostAsync($"admin/trigger?account={account}", null);
            retried |= trigger.StatusCode == HttpStatusCode.ServiceUnavailable;
            return trigger.StatusCode;
        }, status => status != HttpStatusCode.ServiceUnavailable, $"{account}'s trigger is answered", seconds: 30);
        return retried && status == HttpStatusCode.Conflict ? HttpStatusCode.Accepted : status;
    }

    /// <summary>
    /// Polls <paramref name="read"/> until <paramref name="condition"/> holds; fails at the deadline or when a node exits
    /// unasked, with the nodes' logs and then the last answer (by <paramref name="describe"/>, else as JSON) at the end,
    /// where a cut-short CI log still shows it.
    /// </summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 45, Func<T, string>? describe = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        T? last = default;
        while (DateTimeOffset.UtcNow < deadline && !Nodes.Any(n => n.Process is { HasExited: true } && !n.Expected))
        {
            try
            {
                last = await read();
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // not listening yet, or an answer cut short while a member is lost
            }
            await Task.Delay(200);
        }
        var exited = Nodes.Where(n => n.Process is { HasExited: true } && !n.Expected).Select(n => $"node {n.Index} exited with {n.Process!.ExitCode}");
        var lastAnswer = last is null ? "no answer" : describe?.Invoke(last) ?? Truncate(JsonSerializer.Serialize(last, Json), 6000);
        throw new Xunit.Sdk.XunitException(
            $"Never: {what} (waited {seconds} s). {string.Join("; ", exited)}\n"
            + string.Join("\n---\n", Nodes.Where(n => n.Process is not null).Select(n => $"node {n.Index}:\n{Tail(n.Process!.Stderr, 4000)}"))
            + $"\n---\nNever: {what}. Last answer: {lastAnswer}");
    }

    public void Log(string line) => _output.WriteLine($"{Seconds:F1}s {line}");

    private void KeepLogs()
    {
        if (Environment.GetEnvironmentVariable(LogsVariable) is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        foreach (var node in Nodes)
            for (var generation = 0; generation < node.Generations.Count; generation++)
                File.WriteAllText(Path.Combine(folder, $"node{node.Index}-{generation}.log"), node.Generations[generation].Stderr);
        // The sandbox's side: each account's requests in arrival order, with status and page.
        for (var number = 1; number <= Sandbox.Options.GeneratedAccounts; number++)
            File.WriteAllLines(Path.Combine(folder, $"sandbox-{number:D2}.log"), SandboxOf(number).Requests.Entries.Select(r =>
                $"{r.Timestamp:HH:mm:ss.fff} {r.StatusCode} {r.Method} {r.Path}{r.QueryString}"));
        _output.WriteLine($"member logs kept in {folder}");
    }

    private static string Tail(string text, int length) => text[^Math.Min(text.Length, length)..];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";

    /// <summary>Where <see cref="DisposeAsync"/> keeps every member's log (node{i}-{generation}.log), when set: to see, after a
    /// run, which member owned which account when (entity starts and stops, hand-offs, rate-limit holds).</summary>
    public const string LogsVariable = "PAYSTACK_CLUSTER_TEST_LOGS";

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Nodes.SelectMany(n => n.Generations)) await process.DisposeAsync();
        KeepLogs();
        foreach (var node in Nodes) node.Client.Dispose();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held; the temp folder is cleaned later
        }
    }
}

/// <summary>One member's place: its ports and admin client stay while its process is stopped and started again.</summary>
internal sealed class ClusterNode(int index, int clusterPort, int adminPort)
{
    public int Index { get; } = index;
    public int ClusterPort { get; } = clusterPort;
    public int AdminPort { get; } = adminPort;
    public HttpClient Client { get; } = ServeEnvironment.Client(new Uri($"http://127.0.0.1:{adminPort}/"));

    /// <summary>The process now (or last) running on these ports.</summary>
    public RunningCli? Process { get; set; }

    /// <summary>Every process started on these ports, so each is disposed.</summary>
    public List<RunningCli> Generations { get; } = [];

    /// <summary>True once the test stopped this process on purpose: its exit fails no wait.</summary>
    public bool Expected { get; set; }

    /// <summary>This member's address as the cluster names it (akka.tcp://paystack-sync@127.0.0.1:PORT).</summary>
    public bool Is(string? address) => address?.EndsWith($":{ClusterPort}", StringComparison.Ordinal) == true;

    public string HostPort => $"127.0.0.1:{ClusterPort}";
}
