using System.Globalization;
using System.Text.Json.Nodes;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Abstractions;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// Paystack's shapes drift while a sync runs: from 2024 on, the sandbox's transactions carry a field no schema knows
/// (<c>risk_score</c>) and their <c>amount</c> as a string. The run succeeds; the field gets a column of its own; each
/// mistyped amount is null in its column, noted in <c>_meta</c> and kept as sent in <c>record</c>; and each mode keeps
/// its promise over this run and the next.
/// </summary>
public sealed class SchemaDriftSyncTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset DriftSince = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> KindsAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in SyncDestinations.Kinds())
            foreach (var mode in new[] { "append_dedup", "append", "overwrite" })
                data.Add(kind, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndModes))]
    public async Task A_new_field_and_a_mistyped_value_mid_run_add_a_column_and_a_note_and_every_mode_keeps_its_rows(string kind, string mode)
    {
        using var files = new TempFiles();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = 240,
            TestRateLimit = 100_000,
            TestKey = "sk_test_drift" + Guid.NewGuid().ToString("N")[..8],
            Faults = { Drift = new SchemaDrift("transaction", DriftSince, AddedField: "risk_score", MistypedField: "amount") },
        });
        await using var destination = SyncDestination.Create(kind, files.Folder);
        string[] args =
        [
            "sync", "--config", files.Config(sandbox.Options.TestKey, "2023-01-01T00:00:00Z", sandbox.BaseUrl.ToString()),
            "--destination", destination.Spec, "--journal", $"sqlite:{Path.Combine(files.Folder, "journal.db")}",
            "--streams", "transactions", "--mode", mode,
        ];

        await RunAsync(args);
        Assert.Contains("risk_score", await destination.ColumnNamesAsync("transactions"));
        await AssertEachRowTypedOrNotedAsync(destination);
        await AssertEveryRecordOnceAsync(destination, sandbox);

        // Records arriving before the next run: it reads them (overwrite: everything again) and keeps each mode's promise.
        var createdAt = RunClock.AfterLastRun();
        sandbox.Store.Add("transaction", createdAt);
        sandbox.Store.Add("transaction", createdAt);
        await RunClock.UntilReadableAsync(createdAt);
        await RunAsync(args);
        await AssertEachRowTypedOrNotedAsync(destination);
        await AssertEveryRecordOnceAsync(destination, sandbox);
    }

    private async Task RunAsync(string[] args)
    {
        var result = await CliRunner.RunAsync(args, SyncKillTests.FastEngine, TimeSpan.FromSeconds(120));
        output.WriteLine($"exit {result.ExitCode}\n{result.Stderr.TrimEnd()}");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>
    /// Every mode, on a first run and on an incremental one that reads only what is new: each sandbox record is one row
    /// (append adds a row per reading, and nothing here is read twice), overwrite's table is the current set.
    /// </summary>
    private static async Task AssertEveryRecordOnceAsync(SyncDestination destination, SandboxServer sandbox)
    {
        var ids = await destination.ReadIdsAsync("transactions");
        Assert.Equal(sandbox.Store.Ids("transaction").Order(), ids.Order());
    }

    /// <summary>Each row's typed columns against its own raw record: drifted rows carry the note, the others none.</summary>
    private static async Task AssertEachRowTypedOrNotedAsync(SyncDestination destination)
    {
        var rows = await destination.RowsAsync("transactions", "id", "amount", "risk_score", "_meta", "record");
        var drifted = 0;
        foreach (var row in rows)
        {
            var record = JsonNode.Parse(row[4]!)!.AsObject();
            Assert.Equal(record["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), row[0]);
            if (record["risk_score"] is { } risk)
            {
                drifted++;
                Assert.Null(row[1]);
                Assert.Equal(risk.GetValue<long>().ToString(CultureInfo.InvariantCulture), row[2]);
                Assert.True(long.TryParse(record["amount"]!.GetValue<string>(), out _), "the mistyped amount is kept as sent");
                var change = Assert.Single(JsonNode.Parse(row[3]!)!["changes"]!.AsArray())!;
                Assert.Equal(("amount", "NULLED"), (change["field"]!.GetValue<string>(), change["change"]!.GetValue<string>()));
            }
            else
            {
                Assert.Equal(record["amount"]!.GetValue<long>(), decimal.Parse(row[1]!, CultureInfo.InvariantCulture));
                Assert.Null(row[2]);
                Assert.Null(row[3]);
            }
        }

        Assert.InRange(drifted, 1, rows.Count - 1);
    }
}
