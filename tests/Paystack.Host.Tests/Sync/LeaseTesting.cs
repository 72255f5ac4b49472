using Microsoft.Data.Sqlite;
using Paystack.Host.Tests.Cli;
using Paystack.Sandbox;
using Xunit.Sdk;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// What the tests of the run lease share (one run of an account into a destination at a time): sandboxes, command
/// lines, bounded waits, and the checks of a refusal and of a destination's rows.
/// </summary>
internal static class LeaseTesting
{
    public const int BusyExitCode = 3;

    /// <summary>What .NET reports for a child ended by SIGKILL: 128 + 9.</summary>
    public const int SigkillExitCode = 137;

    public static readonly string[] Streams = ["transactions", "customers", "refunds"];
    public static readonly string[] Paths = ["transaction", "customer", "refund"];
    public static readonly string[] Modes = ["append_dedup", "append", "overwrite"];

    /// <summary>Each destination kind (SyncDestinations.Kinds) with each write mode.</summary>
    public static TheoryData<string, string> KindsAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in SyncDestinations.Kinds())
            foreach (var mode in Modes)
                data.Add(kind, mode);
        return data;
    }

    /// <summary>A fresh test-mode key, so the account (and its journal entries) belongs to this test alone.</summary>
    public static string NewTestKey(string tag) => $"sk_test_{tag}{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// A sandbox serving the dataset of <paramref name="testKey"/>. Two sandboxes started with the same key and counts
    /// serve the same records (the dataset depends on the seed and counts only), so a second run can be pointed at a
    /// sandbox of its own: whatever that sandbox logs was read by that run.
    /// </summary>
    public static Task<SandboxServer> StartSandboxAsync(string testKey, int recordsPerStream, TimeSpan latency) =>
        SandboxServer.StartAsync(new SandboxOptions
        {
            RecordsPerStream = recordsPerStream,
            TestRateLimit = 100_000,
            TestKey = testKey,
            Faults = { Latency = latency },
        });

    /// <summary>Writes a source config for <paramref name="sandbox"/> into <paramref name="folder"/>.</summary>
    public static string WriteConfig(string folder, string name, SandboxServer sandbox)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path,
            $$"""{"secret_key": "{{sandbox.Options.TestKey}}", "start_date": "2023-01-01T00:00:00Z", "base_url": "{{sandbox.BaseUrl}}"}""");
        return path;
    }

    public static string[] SyncArguments(string config, string destination, string journalPath, string mode, params string[] extra) =>
    [
        "sync", "--config", config, "--destination", destination, "--journal", $"sqlite:{journalPath}",
        "--streams", string.Join(',', Streams), "--mode", mode, .. extra,
    ];

    /// <summary>Polls <paramref name="condition"/> every 50 ms; fails with <paramref name="because"/> when it never holds in time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new XunitException($"Waited {timeout.TotalSeconds:F0} s in vain: {because()}");
            await Task.Delay(50);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> because) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);

    /// <summary>The exit code of <paramref name="cli"/>; fails with its output when it does not exit in time.</summary>
    public static async Task<int> ExitCodeWithinAsync(RunningCli cli, TimeSpan timeout, string what)
    {
        try
        {
            return await cli.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"{what} (pid {cli.ProcessId}) did not exit within {timeout.TotalSeconds:F0} s.\n{Output(cli)}");
        }
    }

    public static string Output(RunningCli cli) => $"--- stdout\n{cli.Stdout}\n--- stderr\n{cli.Stderr}";

    /// <summary>
    /// The refusal of a run that found the destination's lease taken: exit 3 and one plain line on stderr naming the
    /// holder's process, no stack trace.
    /// </summary>
    public static void AssertRefusedBy(CliResult result, int holderPid)
    {
        Assert.True(result.ExitCode == BusyExitCode, $"expected exit {BusyExitCode} (another run holds the destination):\n{result}");
        Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal), $"a stack trace on stderr:\n{result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{result.Stderr}");
        var line = lines[0];
        Assert.StartsWith("paystack-sync sync: another run of account ", line);
        Assert.Contains(" is going (process ", line);
        Assert.Contains($"(process {holderPid} on {Environment.MachineName}, running since ", line);
        Assert.Contains("Nothing was read or written", line);
    }

    /// <summary>Checks every stream's table against the sandbox: each source id once; in append mode only, duplicates are tolerated.</summary>
    /// <returns>The number of duplicate rows (rows beyond one per id), summed over the streams.</returns>
    public static async Task<int> AssertEveryRecordAsync(
        Func<string, Task<IReadOnlyList<string>>> readIds, SandboxServer sandbox, bool allowDuplicates = false)
    {
        var duplicates = 0;
        for (var i = 0; i < Streams.Length; i++)
        {
            var expected = sandbox.Store.Ids(Paths[i]).ToHashSet(StringComparer.Ordinal);
            var ids = await readIds(Streams[i]);
            var present = ids.ToHashSet(StringComparer.Ordinal);
            var missing = expected.Except(present).ToList();
            var extra = present.Except(expected).ToList();
            Assert.True(missing.Count == 0, $"{Streams[i]}: {missing.Count} of {expected.Count} source ids missing, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.True(extra.Count == 0, $"{Streams[i]}: {extra.Count} ids the source does not have, e.g. {string.Join(", ", extra.Take(5))}");
            var streamDuplicates = ids.Count - present.Count;
            if (!allowDuplicates)
            {
                var repeated = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").Take(5);
                Assert.True(streamDuplicates == 0, $"{Streams[i]}: {streamDuplicates} duplicate rows, e.g. {string.Join(", ", repeated)}");
            }
            duplicates += streamDuplicates;
        }
        return duplicates;
    }

    /// <summary>
    /// The ids of a table of a SQLite destination, or null when the table is not there. Unlike
    /// <see cref="SyncDestinations"/>' reader, any other error fails the test rather than reading as "no rows".
    /// </summary>
    public static IReadOnlyList<string>? ReadSqliteIds(string databasePath, string table)
    {
        if (!File.Exists(databasePath)) return null;
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.AddWithValue("$name", table);
            if ((long)exists.ExecuteScalar()! == 0) return null;
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!); // ids are numbers in typed tables
        return ids;
    }

    /// <summary>Whether process <paramref name="pid"/> has <paramref name="path"/> open (Linux: its /proc/PID/fd links).</summary>
    public static bool HasOpen(int pid, string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget == full) return true;
                }
                catch (IOException)
                {
                    // closed meanwhile
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the process is gone
        }
        return false;
    }
}
