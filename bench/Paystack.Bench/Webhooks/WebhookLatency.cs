using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Paystack.Sandbox;
using Paystack.Sandbox.Webhooks;

namespace Paystack.Bench.Webhooks;

/// <summary>
/// A real <c>paystack-sync serve --webhooks</c> process (the Release build) syncs seven streams from the sandbox; then
/// 500 records change, a third of them older than 35 days, and their signed webhooks are delivered one after another.
/// A poller reads the SQLite destination every few milliseconds: the lag of an event is from the start of its POST to
/// its row equal to the sandbox's record. Re-reads are counted from the sandbox's log.
/// </summary>
public static class WebhookLatency
{
    private const int Changes = 500;
    private static readonly (string Stream, string Path)[] Changing =
    [
        ("transactions", "transaction"), ("refunds", "refund"), ("disputes", "dispute"), ("transfers", "transfer"),
        ("subscriptions", "subscription"), ("invoices", "paymentrequest"), ("customers", "customer"),
    ];

    public static async Task<bool> RunAsync(string hostDll)
    {
        if (!File.Exists(hostDll))
        {
            Console.WriteLine($"Webhook latency: {hostDll} is missing; build it with `dotnet build -c Release src/Host` (NOT MET)");
            return false;
        }
        var folder = Directory.CreateTempSubdirectory("paystack-webhook-latency-").FullName;
        Process? serve = null;
        try
        {
            var now = DateTimeOffset.UtcNow;
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RecordsPerStream = 1_000, TestRateLimit = 1_000_000, DataStart = now.AddDays(-400), DataEnd = now.AddHours(-1),
            });
            var destination = Path.Combine(folder, "out.db");
            var config = Path.Combine(folder, "config.json");
            var hocon = Path.Combine(folder, "serve.conf");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["secret_key"] = sandbox.Options.TestKey, ["start_date"] = now.AddDays(-401).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), ["base_url"] = sandbox.BaseUrl.ToString(),
            }));
            await File.WriteAllTextAsync(hocon, $$"""
                paystack-sync {
                  persistence.connection-string = "Data Source={{Path.Combine(folder, "journal.db")}}"
                  rate-limits.test-requests = 1000000
                  engine.settle-delay = 0s
                  webhooks.reconcile-every = 0s
                }
                """);
            int adminPort = FreePort(), webhookPort = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])[hostDll, "serve", "--config", config, "--hocon", hocon, "--destination", "sqlite:" + destination,
                         "--every", "24h", "--admin-urls", $"http://127.0.0.1:{adminPort}", "--webhooks", "--webhook-urls", $"http://127.0.0.1:{webhookPort}",
                         "--streams", string.Join(',', Changing.Select(c => c.Stream))])
                start.ArgumentList.Add(arg);
            serve = Process.Start(start)!;
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            serve.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
            serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
            serve.BeginOutputReadLine();
            serve.BeginErrorReadLine();
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(10) };
            Console.Error.WriteLine("running webhook latency: initial sync by serve ...");
            await WaitForInitialRunAsync(admin, serve, log, TimeSpan.FromMinutes(5));

            var changer = new RecordChanges(sandbox.Store);
            var perStream = Changes / Changing.Length + 1;
            var changes = Changing.SelectMany(c =>
            {
                var ids = sandbox.Store.Ids(c.Path);
                var step = ids.Count / perStream;
                return ids.Where((_, i) => i % step == 0).Take(perStream).Select(id => (c.Stream, Change: changer.Change(c.Path, id)));
            }).Take(Changes).ToList();
            var old = changes.Count(c => sandbox.Store.CreatedAt(c.Change.Path, c.Change.Id) < now.AddDays(-35));
            var expected = changes.ToDictionary(c => (c.Stream, c.Change.Id), c => JsonNode.Parse(sandbox.Store.Get(c.Change.Path, c.Change.Id)!));
            sandbox.Requests.Clear();

            var sent = new Dictionary<(string, string), long>();
            var seen = new Dictionary<(string, string), long>();
            using var stopPolling = new CancellationTokenSource();
            var poller = Task.Run(() => Poll(destination, expected, seen, stopPolling.Token));
            var sender = new WebhookSender(new Uri($"http://127.0.0.1:{webhookPort}/"), sandbox.Options.TestKey);
            var started = Stopwatch.GetTimestamp();
            foreach (var (stream, change) in changes)
            {
                var body = Encoding.UTF8.GetBytes(change.Body());
                lock (sent) sent[(stream, change.Id)] = Stopwatch.GetTimestamp();
                if (await sender.PostAsync(body, WebhookSender.Sign(sandbox.Options.TestKey, body)) != 200) throw new InvalidOperationException("a delivery was refused");
            }
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline) { lock (seen) if (seen.Count == changes.Count) break; await Task.Delay(20); }
            await stopPolling.CancelAsync();
            await poller;
            var total = Stopwatch.GetElapsedTime(started);

            var lags = seen.Select(s => Stopwatch.GetElapsedTime(sent[s.Key], s.Value).TotalMilliseconds).Order().ToList();
            var reads = sandbox.Requests.Entries.Count(r => r.Path.Count(ch => ch == '/') == 1 && char.IsDigit(r.Path[^1]));
            double Pct(double p) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p * lags.Count) - 1)];
            Console.WriteLine($"Webhook latency: {changes.Count} records changed ({old} older than 35 days), delivered one after another to serve --webhooks " +
                              $"({hostDll}); event-to-row lag from the POST to the row equal to the sandbox, SQLite polled every 5 ms.");
            Console.WriteLine();
            Console.WriteLine("| changes | rows current | p50 lag | p99 lag | max lag | all current after | requests to Paystack | of them re-reads by id | requests per change |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {changes.Count} | {lags.Count} | {Pct(0.5):F0} ms | {Pct(0.99):F0} ms | {(lags.Count > 0 ? lags[^1] : double.NaN):F0} ms | " +
                              $"{total.TotalSeconds:F1} s | {sandbox.Requests.Entries.Count} | {reads} | {(double)sandbox.Requests.Entries.Count / changes.Count:F2} |");
            Console.WriteLine();
            var met = lags.Count == changes.Count;
            Console.WriteLine($"- every changed record current: {(met ? "met" : "NOT MET")}");
            return met;
        }
        finally
        {
            if (serve is { HasExited: false }) { serve.Kill(entireProcessTree: true); await serve.WaitForExitAsync(); }
            serve?.Dispose();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void Poll(string destination, Dictionary<(string Stream, string Id), JsonNode?> expected, Dictionary<(string, string), long> seen, CancellationToken stop)
    {
        using var connection = new SqliteConnection($"Data Source={destination};Mode=ReadOnly;Pooling=false");
        connection.Open();
        while (!stop.IsCancellationRequested)
        {
            foreach (var group in expected.Keys.Where(k => { lock (seen) return !seen.ContainsKey(k); }).GroupBy(k => k.Stream))
            {
                using var command = connection.CreateCommand();
                var ids = group.Select((k, i) => (k.Id, Name: "$i" + i)).ToList();
                command.CommandText = $"SELECT id, record FROM \"{group.Key}\" WHERE id IN ({string.Join(',', ids.Select(i => i.Name))})";
                foreach (var (id, name) in ids) command.Parameters.AddWithValue(name, id);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var key = (group.Key, reader.GetString(0));
                    if (JsonNode.DeepEquals(JsonNode.Parse(reader.GetString(1)), expected[key])) lock (seen) seen[key] = Stopwatch.GetTimestamp();
                }
            }
            Thread.Sleep(5);
        }
    }

    private static async Task WaitForInitialRunAsync(HttpClient admin, Process serve, IEnumerable<string> log, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (serve.HasExited) throw new InvalidOperationException($"serve exited with {serve.ExitCode}:\n{string.Join('\n', log)}");
            try
            {
                var status = JsonNode.Parse(await admin.GetStringAsync("admin/status"));
                var state = (string?)status?["lastRun"]?["state"];
                if (status?["currentRun"] is null && state is not null)
                {
                    if (state != "succeeded") throw new InvalidOperationException($"serve's first run ended {state}");
                    return;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("serve's first run did not end in time");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
