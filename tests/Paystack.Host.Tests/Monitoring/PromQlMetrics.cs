using System.Text.RegularExpressions;

namespace Paystack.Host.Tests.Monitoring;

/// <summary>The metric names a PromQL expression reads, and the metric names a Prometheus text exposition holds.</summary>
public static partial class PromQlMetrics
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan",
    };

    /// <summary>
    /// Identifiers that are neither functions (followed by a parenthesis), keywords, label names (inside braces or a
    /// by/on clause), ranges, strings nor Grafana variables.
    /// </summary>
    public static IReadOnlySet<string> Queried(string expression)
    {
        var text = Strings().Replace(expression, "\"\"");
        text = Braces().Replace(text, "");
        text = Ranges().Replace(text, "");
        text = Grouping().Replace(text, "");
        text = Variables().Replace(text, "");
        return Identifiers().Matches(text)
            .Where(m => !NextIsParenthesis(text, m.Index + m.Length))
            .Select(m => m.Value)
            .Where(name => !Keywords.Contains(name) && !char.IsDigit(name[0]))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every sample name in the exposition (histograms as their _bucket, _sum and _count series).</summary>
    public static IReadOnlySet<string> Exported(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => Identifiers().Match(line).Value)
            .ToHashSet(StringComparer.Ordinal);

    private static bool NextIsParenthesis(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index])) index++;
        return index < text.Length && text[index] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex Variables();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
