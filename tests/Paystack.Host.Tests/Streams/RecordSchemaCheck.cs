using System.Text.Json;
using Json.Schema;
using Paystack.Actors.Airbyte.Catalog;

namespace Paystack.Host.Tests.Streams;

/// <summary>Checks records against the stream's discovered JSON schema, and that the schema names every field they carry.</summary>
public static class RecordSchemaCheck
{
    public static void AssertMatches(string stream, IEnumerable<JsonElement> records)
    {
        var schemaNode = StreamSchemas.Get(stream);
        var declared = schemaNode["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var schema = JsonSchema.FromText(schemaNode.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        foreach (var record in records)
        {
            var result = schema.Evaluate(record, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var problems = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
            Assert.True(result.IsValid, $"{stream}: record does not match its schema: {string.Join("; ", problems)}\n{record}");
            var undeclared = record.EnumerateObject().Select(p => p.Name).Where(n => !declared.Contains(n)).ToList();
            Assert.True(undeclared.Count == 0, $"{stream}: fields missing from the schema: {string.Join(", ", undeclared)}");
        }
    }
}
