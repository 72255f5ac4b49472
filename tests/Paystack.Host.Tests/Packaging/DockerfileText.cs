using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paystack.Host.Tests.Packaging;

/// <summary>
/// The repository's Dockerfile read as a list of instructions (comments dropped, continuation lines joined), enough to
/// check its labels and entrypoint and to rerun its <c>dotnet publish</c> step outside Docker.
/// </summary>
public sealed partial class DockerfileText
{
    private DockerfileText(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public static DockerfileText Load() => Parse(File.ReadAllText(RepositoryRoot.File("Dockerfile")));

    public static DockerfileText Parse(string text)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var whole = (pending + line).Trim();
            pending = "";
            var space = whole.IndexOf(' ');
            instructions.Add(space < 0 ? (whole.ToUpperInvariant(), "") : (whole[..space].ToUpperInvariant(), whole[(space + 1)..].Trim()));
        }
        return new DockerfileText(instructions);
    }

    /// <summary>The images of the FROM lines, in order (the stage names left off).</summary>
    public IReadOnlyList<string> BaseImages =>
        Of("FROM").Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToList();

    /// <summary>Every <c>key=value</c> of the LABEL and ENV lines (quotes removed); the last one wins.</summary>
    public IReadOnlyDictionary<string, string> Labels => KeyValues("LABEL");

    public IReadOnlyDictionary<string, string> Environment => KeyValues("ENV");

    /// <summary>The exec-form ENTRYPOINT as its array of words.</summary>
    public IReadOnlyList<string> Entrypoint
    {
        get
        {
            var entrypoint = Assert.Single(Of("ENTRYPOINT"));
            return JsonSerializer.Deserialize<string[]>(entrypoint)
                ?? throw new Xunit.Sdk.XunitException($"ENTRYPOINT is not a JSON array: {entrypoint}");
        }
    }

    /// <summary>The words after <c>dotnet</c> of the single <c>RUN dotnet publish ...</c> line.</summary>
    public IReadOnlyList<string> PublishArguments
    {
        get
        {
            var run = Assert.Single(Of("RUN"), r => r.StartsWith("dotnet publish ", StringComparison.Ordinal));
            Assert.DoesNotContain('"', run); // plain words only, so splitting on spaces gives the shell's words
            Assert.DoesNotContain('&', run);
            return run.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        }
    }

    /// <summary>The folder the publish step writes to (its <c>-o</c>/<c>--output</c> value).</summary>
    public string PublishOutput => PublishArguments[OutputIndex(PublishArguments) + 1];

    /// <summary>The publish step's words with its output folder replaced by <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> PublishArgumentsInto(string folder)
    {
        var words = PublishArguments.ToList();
        words[OutputIndex(words) + 1] = folder;
        return words;
    }

    private IEnumerable<string> Of(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    private IReadOnlyDictionary<string, string> KeyValues(string keyword)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arguments in Of(keyword))
        {
            foreach (Match pair in KeyValuePattern().Matches(arguments))
                values[pair.Groups["key"].Value] = pair.Groups["value"].Value.Trim('"');
        }
        return values;
    }

    private static int OutputIndex(IReadOnlyList<string> words)
    {
        var index = words.ToList().FindIndex(w => w is "-o" or "--output");
        Assert.True(index >= 0 && index + 1 < words.Count, $"the publish step names no output folder: {string.Join(' ', words)}");
        return index;
    }

    [GeneratedRegex("""(?<key>[A-Za-z0-9_.\-]+)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex KeyValuePattern();
}
