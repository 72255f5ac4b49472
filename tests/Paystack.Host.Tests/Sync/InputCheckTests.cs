using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;

namespace Paystack.Host.Tests.Sync;

/// <summary>
/// Input that parses but cannot work is refused by <c>sync</c> and <c>serve</c> before anything starts: exit 2, one
/// line naming the problem, no stack trace, and neither destination nor journal created.
/// </summary>
public sealed class InputCheckTests
{
    private const string Key = "sk_test_inputchecks";

    /// <summary>Placeholders: {folder} is the test's temp folder, {config} its config file, {future} a start_date two days ahead.</summary>
    public static TheoryData<string, string, string[], string> BadInputs => new()
    {
        { "a start_date before Paystack existed", "0001-01-01T00:00:00Z", [],
            "start_date 0001-01-01T00:00:00Z is before Paystack existed: no account holds records from before 2015-01-01T00:00:00Z" },
        { "a start_date just before 2015", "2014-12-31T23:59:59Z", [], "start_date 2014-12-31T23:59:59Z is before Paystack existed" },
        { "a start_date in the future", "{future}", [], "is in the future (it is now " },
        { "a journal whose folder cannot be created", "2024-01-01T00:00:00Z", ["--journal", "sqlite:/proc/x/journal.db"],
            "--journal: cannot write /proc/x/journal.db: cannot create the folder /proc/x in /proc" },
        { "a journal that is a folder", "2024-01-01T00:00:00Z", ["--journal", "sqlite:{folder}/taken"],
            "--journal: cannot write {folder}/taken: it is a folder" },
        { "a journal configured in HOCON whose folder cannot be created", "2024-01-01T00:00:00Z", ["--journal", null!, "--hocon", "{folder}/journal.conf"],
            "paystack-sync.persistence.connection-string: cannot write /proc/x/journal.db" },
        { "a destination whose folder cannot be created", "2024-01-01T00:00:00Z", ["--destination", "sqlite:/proc/x/out.db"],
            "--destination: cannot write /proc/x/out.db: cannot create the folder /proc/x in /proc" },
        { "a destination that is a folder", "2024-01-01T00:00:00Z", ["--destination", "sqlite:{folder}/taken"],
            "--destination: cannot write {folder}/taken: it is a folder" },
        { "a destination under a file", "2024-01-01T00:00:00Z", ["--destination", "sqlite:{config}/out.db"],
            "--destination: cannot write {config}/out.db: {config} is a file, not a folder" },
        { "a HOCON file with an unclosed brace", "2024-01-01T00:00:00Z", ["--hocon", "{folder}/unclosed.conf"],
            "file {folder}/unclosed.conf is not valid HOCON: '{' at line 1, column 22 is never closed" },
        { "an empty --streams", "2024-01-01T00:00:00Z", ["--streams", ""], "--streams names no stream (got '')" },
        { "a --streams of only commas", "2024-01-01T00:00:00Z", ["--streams", ","], "--streams names no stream (got ',')" },
        { "a --streams without a value", "2024-01-01T00:00:00Z", ["--streams"], "Required argument missing for option: '--streams'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Sync_and_serve_refuse_it_with_one_line_and_exit_2(string _, string startDate, string?[] change, string named)
    {
        using var files = new TempFiles();
        var future = DateTimeOffset.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var config = files.Config(Key, startDate.Replace("{future}", future), "http://127.0.0.1:9/");
        string? Fill(string? text) => text?.Replace("{folder}", files.Folder).Replace("{config}", config);
        Directory.CreateDirectory(Path.Combine(files.Folder, "taken"));
        files.Write("unclosed.conf", "paystack-sync.engine {\n  page-size = 50\n");
        files.Write("journal.conf", "paystack-sync.persistence.connection-string = \"Data Source=/proc/x/journal.db\"\n");
        var destination = Path.Combine(files.Folder, "out.db");
        var journal = Path.Combine(files.Folder, "journal.db");
        var args = Arguments(config, destination, journal, change.Select(Fill).ToArray());

        var results = await Task.WhenAll(
            CliRunner.RunAsync(["sync", .. args], null),
            CliRunner.RunAsync(["serve", "--every", "1h", "--admin-urls", "http://127.0.0.1:0", .. args], null));

        foreach (var (verb, result) in new[] { ("sync", results[0]), ("serve", results[1]) })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"paystack-sync {verb}: ", line);
            Assert.Contains(Fill(named)!, line);
            Assert.DoesNotContain("   at ", result.Stderr); // a message, not a stack trace
            Assert.DoesNotContain(Key, result.Stderr + result.Stdout);
            Assert.Equal("", result.Stdout);
        }
        Assert.False(File.Exists(destination), "the destination was created");
        Assert.False(File.Exists(destination + ".lock"), "the destination's lease file was created");
        Assert.False(File.Exists(journal), "the journal was created");
        // Nor anything else: no probe file left behind, no SQLite side file.
        Assert.Equal(["config.json", "journal.conf", "unclosed.conf"], Directory.GetFiles(files.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Demo_refuses_a_database_that_is_a_folder()
    {
        using var files = new TempFiles();

        var result = await CliRunner.RunAsync("demo", "--database", files.Folder);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"paystack-sync demo: --database: cannot write {files.Folder}: it is a folder; name a file in it, e.g. {files.Folder}/paystack.db", line);
        Assert.Empty(Directory.GetFileSystemEntries(files.Folder));
    }

    /// <summary>The usual arguments with <paramref name="change"/> applied: a pair replaces an option's value or adds it; a null value removes the option.</summary>
    private static List<string> Arguments(string config, string destination, string journal, string?[] change)
    {
        var args = new List<string> { "--config", config, "--destination", $"sqlite:{destination}", "--journal", $"sqlite:{journal}" };
        for (var i = 0; i < change.Length; i += 2)
        {
            var at = args.IndexOf(change[i]!);
            var value = i + 1 < change.Length ? change[i + 1] : null;
            if (i + 1 >= change.Length) args.Add(change[i]!); // an option given without its value
            else if (at >= 0 && value is null) args.RemoveRange(at, 2);
            else if (at >= 0) args[at + 1] = value!;
            else args.AddRange([change[i]!, value!]);
        }
        return args;
    }
}
