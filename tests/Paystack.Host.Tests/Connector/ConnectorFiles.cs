using System.Text.Json;
using System.Text.Json.Nodes;
using Paystack.Host.Tests.Packaging;
using YamlDotNet.RepresentationModel;

namespace Paystack.Host.Tests.Connector;

/// <summary>The Airbyte connector layout at the repository's root: metadata.yaml, acceptance-test-config.yml, integration_tests/, icon.svg.</summary>
public static class ConnectorFiles
{
    public static string Path(params string[] parts) => RepositoryRoot.File(parts);

    public static string IntegrationTest(string name) => Path("integration_tests", name);

    public static YamlMappingNode Yaml(string name)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path(name));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static string Scalar(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    public static YamlNode Node(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    /// <summary>sample_config.json with its requests sent to <paramref name="baseUrl"/>, written to <paramref name="folder"/>.</summary>
    public static string ConfigFor(string sampleName, Uri baseUrl, string folder)
    {
        var config = JsonNode.Parse(File.ReadAllText(IntegrationTest(sampleName)))!.AsObject();
        config["base_url"] = baseUrl.ToString();
        var path = System.IO.Path.Combine(folder, sampleName);
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    /// <summary>expected_records.jsonl as (stream, data) pairs, data compacted.</summary>
    public static IReadOnlyList<(string Stream, string Data)> ExpectedRecords() =>
        File.ReadAllLines(IntegrationTest("expected_records.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(r => (r.GetProperty("stream").GetString()!, Compact(r.GetProperty("data"))))
            .ToList();

    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
