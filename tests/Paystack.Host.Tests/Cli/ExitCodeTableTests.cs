using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Protocol;

namespace Paystack.Host.Tests.Cli;

/// <summary>
/// The one exit-code table (README.md, docs/operations.md): 0 done, 1 the work failed, 2 bad input (parse errors
/// included), 3 destination busy, 130 interrupted; check answers an unusable config with a FAILED status and 0.
/// Runs that need the sandbox (1 from read and sync, 3 from sync) are held by the read, sync and lease tests.
/// </summary>
public sealed class ExitCodeTableTests : IDisposable
{
    private static readonly string[] ProtocolVerbs = ["spec", "check", "discover", "read"];

    private readonly TempFiles _files = new();

    public static TheoryData<string> EveryVerb => new()
    {
        "spec", "check", "discover", "read", "sync", "serve", "config", "demo", "sandbox",
        "status", "health", "actors", "logs", "trigger", "pause", "resume", "cluster",
    };

    [Theory]
    [MemberData(nameof(EveryVerb))]
    public async Task A_parse_error_exits_2_with_one_message_naming_it(string verb)
    {
        // pause and resume take a stream first; without it the unknown option would be taken for the stream's name.
        string[] args = verb is "pause" or "resume" ? [verb, "transactions", "--no-such-option"] : [verb, "--no-such-option"];
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        if (ProtocolVerbs.Contains(verb))
        {
            // Airbyte shows a source's stdout; the reason goes there as a config_error trace and stderr stays empty.
            Assert.Empty(result.Stderr);
            ProtocolSchema.AssertAllValid(result);
            var error = result.Single("TRACE").GetProperty("trace").GetProperty("error");
            Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
            Assert.Contains("--no-such-option", error.GetProperty("message").GetString());
        }
        else
        {
            Assert.Empty(result.Stdout);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("--no-such-option", line);
            Assert.StartsWith($"paystack-sync {verb}:", line);
        }
    }

    [Fact]
    public async Task An_unknown_verb_exits_2_naming_it()
    {
        var result = await CliRunner.RunAsync("snyc");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.StartsWith("paystack-sync: ", result.Stderr);
        Assert.Contains("snyc", result.Stderr);
    }

    [Fact]
    public async Task Spec_exits_0()
    {
        var result = await CliRunner.RunAsync("spec");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Check_answers_an_unusable_config_with_a_failed_status_and_exits_0()
    {
        var result = await CliRunner.RunAsync("check", "--config", Missing);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.Equal("FAILED", result.Single("CONNECTION_STATUS").GetProperty("connectionStatus").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("discover")]
    [InlineData("read")]
    public async Task An_airbyte_verb_with_an_unusable_config_exits_2_with_a_config_error(string verb)
    {
        var result = await CliRunner.RunAsync(verb, "--config", Missing, "--catalog", Missing);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stderr);
        ProtocolSchema.AssertAllValid(result);
        Assert.Equal("config_error", result.Single("TRACE").GetProperty("trace").GetProperty("error").GetProperty("failure_type").GetString());
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("serve")]
    public async Task A_database_verb_with_an_unusable_config_exits_2(string verb)
    {
        string[] args = verb == "serve" ? [verb, "--config", Missing, "--every", "15m"] : [verb, "--config", Missing];
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("does not exist", result.Stderr);
    }

    [Fact]
    public async Task Config_with_unparseable_hocon_exits_2()
    {
        var result = await CliRunner.RunAsync("config", "--hocon", _files.Write("bad.conf", "paystack-sync { engine { "));
        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("health")]
    [InlineData("actors")]
    [InlineData("logs")]
    [InlineData("trigger")]
    [InlineData("pause", "transactions")]
    [InlineData("resume", "transactions")]
    public async Task An_inspection_verb_whose_serve_does_not_answer_exits_1(string verb, string? stream = null)
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        string[] args = stream is null ? [verb, "--admin-url", "http://127.0.0.1:9"] : [verb, stream, "--admin-url", "http://127.0.0.1:9"];
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"{verb}:", result.Stderr);
    }

    private string Missing => Path.Combine(_files.Folder, "absent.json");

    public void Dispose() => _files.Dispose();
}
