using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Paystack.Host.Tests.Airbyte;
using Paystack.Host.Tests.Cli;
using Paystack.Host.Tests.Packaging;
using Paystack.Host.Tests.Protocol;
using Paystack.Host.Tests.Read;
using Paystack.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Paystack.Host.Tests.Connector;

/// <summary>
/// The connector files Airbyte's tooling reads are kept true by running our verbs on them against the sandbox (seed 42,
/// three records per resource, the data expected_records.jsonl was taken from).
/// </summary>
public sealed class ConnectorLayoutTests : IAsyncLifetime, IDisposable
{
    private readonly TempFiles _files = new();
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 42, RecordsPerStream = 3, TestRateLimit = 100_000 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private string SampleConfig => ConnectorFiles.ConfigFor("sample_config.json", _sandbox.BaseUrl, _files.Folder);

    [Fact]
    public void Metadata_names_our_image_the_api_host_and_what_the_dockerfile_labels()
    {
        var data = ConnectorFiles.Node(ConnectorFiles.Yaml("metadata.yaml"), "data");
        var labels = DockerfileText.Load().Labels;

        Assert.True(Guid.TryParse(ConnectorFiles.Scalar(data, "definitionId"), out _));
        Assert.Equal("source", ConnectorFiles.Scalar(data, "connectorType"));
        Assert.Equal("api", ConnectorFiles.Scalar(data, "connectorSubtype"));
        Assert.Contains(ConnectorFiles.Scalar(data, "releaseStage"), new[] { "alpha", "beta", "generally_available", "custom" });
        var repository = ConnectorFiles.Scalar(data, "dockerRepository");
        Assert.False(repository.StartsWith("airbyte/", StringComparison.Ordinal), "airbyte/ is Airbyte's namespace, not ours");
        Assert.Equal(labels["io.airbyte.name"], repository);
        Assert.Equal(labels["io.airbyte.version"], ConnectorFiles.Scalar(data, "dockerImageTag"));
        var hosts = (YamlSequenceNode)ConnectorFiles.Node(data, "allowedHosts", "hosts");
        Assert.Equal(["api.paystack.co"], hosts.Children.Select(h => ((YamlScalarNode)h).Value));
        var icon = XDocument.Load(ConnectorFiles.Path(ConnectorFiles.Scalar(data, "icon")));
        Assert.Equal("svg", icon.Root!.Name.LocalName);
    }

    [Fact]
    public async Task Spec_prints_the_spec_file_and_the_metadatas_documentation_url()
    {
        var result = await CliRunner.RunAsync("spec");

        var printed = JsonNode.Parse(result.Single("SPEC").GetProperty("spec").GetRawText());
        var file = JsonNode.Parse(File.ReadAllText(ConnectorFiles.IntegrationTest("spec.json")));
        Assert.True(JsonNode.DeepEquals(file, printed), "integration_tests/spec.json differs from what spec prints");
        var documentation = ConnectorFiles.Scalar(ConnectorFiles.Yaml("metadata.yaml"), "data", "documentationUrl");
        Assert.Equal(documentation, printed!["documentationUrl"]!.GetValue<string>());
        Assert.EndsWith("docs/airbyte.md", documentation);
        Assert.True(File.Exists(RepositoryRoot.File("docs", "airbyte.md")));
    }

    [Fact]
    public void Every_file_the_acceptance_tests_name_is_in_the_repository()
    {
        var config = ConnectorFiles.Yaml("acceptance-test-config.yml");
        var repository = ConnectorFiles.Scalar(ConnectorFiles.Yaml("metadata.yaml"), "data", "dockerRepository");
        Assert.Equal($"{repository}:dev", ConnectorFiles.Scalar(config, "connector_image"));
        var paths = config.AllNodes.OfType<YamlMappingNode>()
            .SelectMany(m => m.Children)
            .Where(c => ((YamlScalarNode)c.Key).Value!.EndsWith("_path", StringComparison.Ordinal) && c.Value is YamlScalarNode)
            .Select(c => ((YamlScalarNode)c.Value).Value!)
            .Where(p => !p.StartsWith("secrets/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(File.Exists(ConnectorFiles.Path(p)), $"{p} is named but missing"));
    }

    [Fact]
    public async Task Check_passes_the_sample_config_and_fails_the_invalid_one()
    {
        var good = await CliRunner.RunAsync("check", "--config", SampleConfig);
        var bad = await CliRunner.RunAsync("check", "--config", ConnectorFiles.ConfigFor("invalid_config.json", _sandbox.BaseUrl, _files.Folder));

        Assert.Equal("SUCCEEDED", Status(good));
        Assert.Equal("FAILED", Status(bad));
    }

    [Fact]
    public async Task Discover_offers_every_configured_stream_in_its_configured_sync_mode()
    {
        var result = await CliRunner.RunAsync("discover", "--config", SampleConfig);
        var discovered = result.Single("CATALOG").GetProperty("catalog").GetProperty("streams").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);

        foreach (var configured in ConfiguredStreams())
        {
            Assert.True(discovered.TryGetValue(configured.Name, out var stream), $"{configured.Name} is not discovered");
            Assert.Contains(configured.SyncMode, stream.GetProperty("supported_sync_modes").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(configured.CursorField, stream.GetProperty("default_cursor_field")[0].GetString());
        }
    }

    [Fact]
    public async Task The_configured_catalog_reads_the_expected_records()
    {
        var result = await ReadCli.RunAsync("--config", SampleConfig, "--catalog", ConnectorFiles.IntegrationTest("configured_catalog.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        ProtocolSchema.AssertAllValid(result);
        var read = result.OfType("RECORD").Select(m => m.GetProperty("record"))
            .Select(r => (r.GetProperty("stream").GetString()!, ConnectorFiles.Compact(r.GetProperty("data"))))
            .Order().ToList();
        Assert.Equal(ConnectorFiles.ExpectedRecords().Order().ToList(), read);
        Assert.Equal(ConfiguredStreams().Select(s => s.Name).Order(), read.Select(r => r.Item1).Distinct().Order());
    }

    [Fact]
    public async Task The_abnormal_state_yields_no_record_of_an_incremental_stream_and_keeps_its_cursor()
    {
        var result = await ReadCli.RunAsync("--config", SampleConfig, "--catalog", ConnectorFiles.IntegrationTest("configured_catalog.json"),
            "--state", ConnectorFiles.IntegrationTest("abnormal_state.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        ProtocolSchema.AssertAllValid(result);
        var transcript = new ReadTranscript(result);
        foreach (var stream in ConfiguredStreams().Where(s => s.SyncMode == "incremental"))
        {
            Assert.Empty(transcript.Records(stream.Name));
            Assert.All(transcript.States(stream.Name), s => Assert.Equal("2099-01-01T00:00:00.000Z", s.Cursor));
        }
    }

    private static string Status(CliResult result) =>
        result.Single("CONNECTION_STATUS").GetProperty("connectionStatus").GetProperty("status").GetString()!;

    private static IReadOnlyList<(string Name, string SyncMode, string CursorField)> ConfiguredStreams() =>
        JsonDocument.Parse(File.ReadAllText(ConnectorFiles.IntegrationTest("configured_catalog.json")))
            .RootElement.GetProperty("streams").EnumerateArray()
            .Select(s => (s.GetProperty("stream").GetProperty("name").GetString()!, s.GetProperty("sync_mode").GetString()!,
                s.GetProperty("stream").GetProperty("default_cursor_field")[0].GetString()!))
            .ToList();
}
