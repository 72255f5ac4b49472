using System.Text.Json;

namespace Paystack.Host.Tests.Cli;

/// <summary>What one run of paystack-sync produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines, blank ones dropped; every line must be one protocol message.</summary>
    public IReadOnlyList<string> StdoutLines { get; } =
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every stdout line parsed; fails the test on a line that is not JSON.</summary>
    public IReadOnlyList<JsonElement> Messages => StdoutLines.Select(Parse).ToList();

    /// <summary>The messages of one type (RECORD, STATE, TRACE, ...).</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        Messages.Where(m => m.GetProperty("type").GetString() == type).ToList();

    /// <summary>Every message but the LOG messages the Airbyte verbs write their logs as.</summary>
    public IReadOnlyList<JsonElement> WithoutLogs =>
        Messages.Where(m => m.GetProperty("type").GetString() != "LOG").ToList();

    /// <summary>The single message of a type; fails if there is none or more than one.</summary>
    public JsonElement Single(string type) => Assert.Single(OfType(type));

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    private JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout line is not JSON ({e.Message}): {line}\n{this}");
        }
    }
}
