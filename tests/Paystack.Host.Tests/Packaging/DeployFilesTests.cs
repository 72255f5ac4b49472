using System.CommandLine;
using System.Text.Json;
using Paystack.Host.Commands;
using Paystack.Host.Running;
using YamlDotNet.RepresentationModel;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// deploy/ cannot be run here (no systemd, no Docker), so what can be checked is: every command line in it parses
/// with serve's own parser, and the addresses, names and exit codes agree from file to file.
/// </summary>
public sealed class DeployFilesTests
{
    [Fact]
    public void The_systemd_unit_notifies_and_does_not_restart_on_bad_input()
    {
        var unit = File.ReadAllLines(RepositoryRoot.File("deploy", "paystack-sync.service"));
        string Value(string key) => unit.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

        Assert.Equal("notify", Value("Type"));
        Assert.Equal(ExitCodes.BadInput.ToString(), Value("RestartPreventExitStatus"));
        // Its ExecStart parses with serve's parser: SharedOptionTests.The_systemd_unit_passes_only_options_serve_accepts.
    }

    [Fact]
    public void The_cluster_template_unit_runs_serve_cluster_with_options_serve_accepts()
    {
        var unit = File.ReadAllLines(RepositoryRoot.File("deploy", "paystack-sync-cluster@.service"));
        string Value(string key) => unit.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        Assert.Equal("notify", Value("Type"));
        Assert.Equal(ExitCodes.BadInput.ToString(), Value("RestartPreventExitStatus"));

        var start = unit.SkipWhile(l => !l.StartsWith("ExecStart=", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("KillSignal", StringComparison.Ordinal));
        var words = string.Join(' ', start.Select(l => l.TrimEnd('\\').Trim())).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Replace("${CLUSTER_HOST}", "10.0.0.11", StringComparison.Ordinal)).ToArray();
        var serve = Array.IndexOf(words, "serve");
        Assert.Equal("--cluster", words[serve + 1]);
        var parsed = CommandCatalog.All().Single(c => c.Name == "serve").Parse(words[(serve + 1)..]);
        Assert.Empty(parsed.Errors);
    }

    [Fact]
    public void The_compose_file_runs_serve_where_prometheus_scrapes_it()
    {
        var compose = Yaml(RepositoryRoot.File("deploy", "compose.yaml"));
        var sync = (YamlMappingNode)Node(compose, "services", "paystack-sync");
        var command = ((YamlSequenceNode)Node(sync, "command")).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

        Assert.Equal("serve", command[0]);
        AssertServeParses(command[1..]);
        var adminUrl = new Uri(command.Single(c => c.StartsWith("--admin-urls=", StringComparison.Ordinal)).Split('=', 2)[1]);
        var published = ((YamlSequenceNode)Node(sync, "ports")).Children.Select(p => ((YamlScalarNode)p).Value!).Single();
        Assert.EndsWith($":{adminUrl.Port}", published);

        var prometheus = Yaml(RepositoryRoot.File("deploy", "prometheus", "prometheus.yml"));
        var job = (YamlMappingNode)((YamlSequenceNode)Node(prometheus, "scrape_configs")).Children.Single();
        var target = ((YamlScalarNode)((YamlSequenceNode)Node((YamlMappingNode)((YamlSequenceNode)Node(job, "static_configs")).Children.Single(), "targets")).Children.Single()).Value;
        Assert.Equal($"paystack-sync:{adminUrl.Port}", target);
        Assert.Equal("paystack-sync", ((YamlScalarNode)Node(job, "job_name")).Value); // the job the alert rules and dashboard select
        var rules = ((YamlScalarNode)((YamlSequenceNode)Node(prometheus, "rule_files")).Children.Single()).Value!;
        Assert.Equal("paystack-sync.rules.yml", Path.GetFileName(rules));
    }

    [Fact]
    public void The_dockerfile_healthcheck_runs_a_verb_the_executable_has()
    {
        var text = File.ReadAllText(RepositoryRoot.File("Dockerfile"));
        var healthcheck = DockerfileText.Parse(text).Instructions.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        var exec = JsonSerializer.Deserialize<string[]>(healthcheck[(healthcheck.IndexOf("CMD", StringComparison.Ordinal) + 3)..].Trim())!;

        Assert.Equal(DockerfileText.Load().Entrypoint.Single(), exec[0]);
        Assert.Contains(CommandCatalog.All(), c => c.Name == exec[1]);
    }

    private static void AssertServeParses(string[] args)
    {
        var parsed = ServeCommand.Create().Parse(args);
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)) + $"\n{string.Join(' ', args)}");
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode Node(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys) current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        return current;
    }
}
