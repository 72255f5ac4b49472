using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Webhooks;
using Paystack.Host.Tests.Serve;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Host.Tests.Webhooks;

/// <summary>What webhook tests share: serve's settings for them, the streams whose records change, and destination reads.</summary>
internal static class WebhookEnvironment
{
    /// <summary>The streams webhooks re-read, and the sandbox resources behind them.</summary>
    public static readonly (string Stream, string Path)[] Changing =
    [
        ("transactions", "transaction"), ("refunds", "refund"), ("disputes", "dispute"), ("transfers", "transfer"),
        ("subscriptions", "subscription"), ("invoices", "paymentrequest"), ("customers", "customer"),
    ];

    public static string ChangingStreams => string.Join(',', Changing.Select(c => c.Stream));

    public const int MaxBodyBytes = 64 * 1024;

    public static string Hocon(string extra = "") => $$"""
        paystack-sync.webhooks { enabled = on, urls = "http://127.0.0.1:0", max-body-bytes = {{MaxBodyBytes}}, lease-wait = 0s, retry-delay = 200ms }
        {{extra}}
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<WebhookInboxProtocol.InboxStatus> StatusAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<WebhookInboxProtocol.InboxStatus>("admin/webhooks", Json))!;

    /// <summary>Polls the inbox until nothing is pending and <paramref name="settled"/> events were settled (applied or ignored).</summary>
    public static async Task<WebhookInboxProtocol.InboxStatus> WaitForSettledAsync(HttpClient admin, long settled, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        WebhookInboxProtocol.InboxStatus? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await StatusAsync(admin);
                if (last.Pending == 0 && last.Applied + last.Ignored >= settled) return last;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"The inbox never settled {settled} events. Last: {JsonSerializer.Serialize(last, Json)}");
    }

    /// <summary>Changes <paramref name="perStream"/> records of every changing stream, spread over their whole history.</summary>
    public static List<RecordChange> ChangeRecords(Paystack.Sandbox.SandboxServer sandbox, int perStream)
    {
        var changes = new RecordChanges(sandbox.Store);
        var made = new List<RecordChange>();
        foreach (var (_, path) in Changing)
        {
            var ids = sandbox.Store.Ids(path);
            var step = Math.Max(1, ids.Count / perStream);
            made.AddRange(ids.Where((_, i) => i % step == 0).Take(perStream).Select(id => changes.Change(path, id)));
        }
        return made;
    }

    /// <summary>The row of record <paramref name="id"/> in <paramref name="stream"/>'s table, as JSON (null when absent).</summary>
    public static JsonNode? Row(string destinationPath, string stream, string id)
    {
        using var connection = new SqliteConnection($"Data Source={destinationPath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT record FROM \"{stream}\" WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string json ? JsonNode.Parse(json) : null;
    }

    /// <summary>The changes whose rows differ from the sandbox's current record.</summary>
    public static List<RecordChange> Stale(Paystack.Sandbox.SandboxServer sandbox, string destinationPath, IEnumerable<RecordChange> changes) =>
        changes.Where(c =>
        {
            var stream = Changing.Single(x => x.Path == c.Path).Stream;
            var current = JsonNode.Parse(sandbox.Store.Get(c.Path, c.Id)!);
            return !JsonNode.DeepEquals(Row(destinationPath, stream, c.Id), current);
        }).ToList();

    /// <summary>
    /// Every record of the changing streams whose row differs from the sandbox's current record (changed directly, or
    /// through a record it embeds: a dispute carries its transaction), with its creation time.
    /// </summary>
    public static List<(string Path, string Id, DateTimeOffset CreatedAt)> Differing(Paystack.Sandbox.SandboxServer sandbox, string destinationPath)
    {
        using var connection = new SqliteConnection($"Data Source={destinationPath};Pooling=false");
        connection.Open();
        var differing = new List<(string, string, DateTimeOffset)>();
        foreach (var (stream, path) in Changing)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, record FROM \"{stream}\"";
            using var reader = command.ExecuteReader();
            var rows = new Dictionary<string, string>();
            while (reader.Read()) rows[reader.GetString(0)] = reader.GetString(1);
            foreach (var id in sandbox.Store.Ids(path))
            {
                var current = JsonNode.Parse(sandbox.Store.Get(path, id)!);
                if (!rows.TryGetValue(id, out var row) || !JsonNode.DeepEquals(JsonNode.Parse(row), current))
                    differing.Add((path, id, sandbox.Store.CreatedAt(path, id)));
            }
        }
        return differing;
    }

    public static List<JsonNode> EventRows(string destinationPath)
    {
        using var connection = new SqliteConnection($"Data Source={destinationPath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM webhook_events";
        using var reader = command.ExecuteReader();
        var rows = new List<JsonNode>();
        while (reader.Read()) rows.Add(JsonNode.Parse(reader.GetString(0))!);
        return rows;
    }

    /// <summary>Fetches by id the sandbox answered since its log was last cleared (<c>GET /{resource}/{id}</c>, logged without slashes around).</summary>
    public static int RecordReads(Paystack.Sandbox.SandboxServer sandbox) =>
        sandbox.Requests.Entries.Count(r => r.Path.Count(ch => ch == '/') == 1 && char.IsDigit(r.Path[^1]));
}
