using System.Text.Json;
using Paystack.Host.Tests.Packaging;
using YamlDotNet.RepresentationModel;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>deploy/'s Grafana dashboard and Prometheus alert rules, and the PromQL expressions they hold.</summary>
public static class MonitoringFiles
{
    public static string RulesPath => RepositoryRoot.File("deploy", "prometheus", "paystack-sync.rules.yml");

    public static string DashboardPath => RepositoryRoot.File("deploy", "grafana", "paystack-sync.dashboard.json");

    /// <summary>Every <c>expr</c> of every panel target, and the queries of the template variables.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var root = dashboard.RootElement;
        var panels = root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p]);
        var targets = panels
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => LabelValuesSelector(v.GetProperty("query").GetString()!));
        return targets.Concat(variables).ToList();
    }

    public static IReadOnlyList<string> RuleExpressions()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(RulesPath);
        yaml.Load(reader);
        return yaml.Documents.Single().AllNodes.OfType<YamlMappingNode>()
            .SelectMany(m => m.Children)
            .Where(c => c.Key is YamlScalarNode { Value: "expr" })
            .Select(c => ((YamlScalarNode)c.Value).Value!)
            .ToList();
    }

    /// <summary>label_values(selector, label) reads the selector's metric.</summary>
    private static string LabelValuesSelector(string query) =>
        query.StartsWith("label_values(", StringComparison.Ordinal) ? query["label_values(".Length..query.LastIndexOf(',')] : query;
}
