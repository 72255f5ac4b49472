using System.Text.Json;
using Json.Schema;

namespace Paystack.Host.Tests.Protocol;

/// <summary>
/// Validates stdout lines against the Airbyte protocol (Schemas/airbyte_message.schema.json: the definitions of
/// airbyte_protocol.yaml as JSON, plus the rule that a message carries the payload its type names).
/// </summary>
public static class ProtocolSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "airbyte_message.schema.json"),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The problems found in one message; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonElement message)
    {
        var result = Schema.Value.Evaluate(message, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, with no details")
            .ToList();
    }

    /// <summary>Fails the test unless every stdout line is a valid protocol message.</summary>
    public static void AssertAllValid(Cli.CliResult result)
    {
        Assert.NotEmpty(result.StdoutLines);
        foreach (var (message, line) in result.Messages.Zip(result.StdoutLines))
        {
            var problems = Problems(message);
            Assert.True(problems.Count == 0, $"Not a valid Airbyte message: {line}\n{string.Join("\n", problems)}");
        }
    }
}
