using System.CommandLine;
using Microsoft.Data.Sqlite;
using Paystack.Actors.Airbyte.Config;
using Paystack.Actors.Configuration;
using Paystack.Actors.Destinations;
using Paystack.Actors.Engine;
using Paystack.Actors.Paystack;
using Paystack.Actors.State;
using Paystack.Host.Running;
using Paystack.Sandbox;
using Spectre.Console;

namespace Paystack.Host.Commands;

/// <summary>
/// <c>paystack-sync demo</c>: the whole product in one command. It starts the built-in sandbox (a faithful fake of
/// Paystack's API, with latency and some failing requests), syncs every stream into ./paystack-demo.db and shows a query.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo's budget: 50 requests per second, the figure the benchmarks use, so the demo takes seconds.</summary>
    private const int DemoRequestsPerMinute = 3_000;

    public static Command Create()
    {
        var database = new Option<FileInfo>("--database")
        {
            Description = "The SQLite file to sync into (replaced on every demo run).",
            DefaultValueFactory = _ => new FileInfo("paystack-demo.db"),
        };
        var records = new Option<int>("--records")
        {
            Description = "Records per stream in the sandbox.",
            DefaultValueFactory = _ => 2_000,
        };
        var command = new Command("demo", "Start the built-in Paystack sandbox and sync it into a local SQLite file.") { database, records };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var file = parseResult.GetValue(database)!;
            var journal = file.FullName + ".journal";
            try
            {
                SqliteFileCheck.EnsureWritable(file.FullName, "--database");
            }
            catch (ArgumentException unusable)
            {
                await Console.Error.WriteLineAsync($"paystack-sync demo: {unusable.Message}");
                return ExitCodes.BadInput;
            }
            foreach (var path in new[] { file.FullName, journal })
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(path + suffix);

            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RecordsPerStream = parseResult.GetValue(records),
                // About one settlement a week, as a real account has; each one costs a request for its transactions.
                Records = { ["settlement"] = Math.Max(1, parseResult.GetValue(records) / 20) },
                TestRateLimit = DemoRequestsPerMinute,
                Faults = { Latency = TimeSpan.FromMilliseconds(30), LatencyJitter = TimeSpan.FromMilliseconds(20), ServerErrorRate = 0.02, Seed = 1 },
            }, ct: cancellationToken);
            console.MarkupLineInterpolated($"Sandbox Paystack API on [blue]{sandbox.BaseUrl}[/] with {parseResult.GetValue(records):N0} records per stream ({sandbox.Store.Count("settlement"):N0} settlements), 30 ms latency and 2% failing requests.");

            var source = new SourceConfig(sandbox.Options.TestKey, sandbox.Options.DataStart, BaseUrl: sandbox.BaseUrl);
            var request = new SyncRequest(source, DestinationSpec.Parse($"sqlite:{file.FullName}"), StreamCatalog.All, SyncMode.Incremental, WriteMode.AppendDedup);
            var settings = SyncSettingsLoader.Load();
            await using var runtime = await EngineRuntime.StartAsync(settings, source.SecretKey, inMemoryJournal: false,
                EngineRuntime.LogOptions("error", json: false),
                s => s with
                {
                    RateLimits = s.RateLimits with { TestRequests = DemoRequestsPerMinute, Period = TimeSpan.FromMinutes(1) },
                    Engine = s.Engine with { SettleDelay = TimeSpan.FromSeconds(1) },
                    Persistence = new PersistenceSettings("sqlite", $"Data Source={journal}"),
                });

            var outcome = await SyncRunner.RunAsync(runtime, request, console, cancellationToken);
            if (!outcome.Succeeded) return ExitCodes.Failed;

            ShowSample(console, file.FullName);
            return 0;
        });
        return command;
    }

    private static void ShowSample(IAnsiConsole console, string path)
    {
        const string query =
            "SELECT status, count(*) AS transactions, sum(amount) / 100.0 AS amount FROM transactions GROUP BY status ORDER BY transactions DESC";
        console.WriteLine();
        console.MarkupLineInterpolated($"Synced into [green]{path}[/]. One table per stream: a typed column per field (id, created_at, status, amount, ...), the raw JSON in record.");
        console.MarkupLineInterpolated($"[grey]sqlite3 {Path.GetFileName(path)} \"{query}\"[/]");

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var table = new Table().Border(TableBorder.Simple).AddColumn("status")
            .AddColumn(new TableColumn("transactions").RightAligned()).AddColumn(new TableColumn("amount").RightAligned());
        while (reader.Read())
            table.AddRow(Markup.Escape(reader.GetString(0)), $"{reader.GetInt64(1):N0}", $"{reader.GetDouble(2):N2}");
        console.Write(table);
        console.MarkupLine("Run it again with [blue]paystack-sync sync --config your-config.json[/] against your own account.");
    }
}
