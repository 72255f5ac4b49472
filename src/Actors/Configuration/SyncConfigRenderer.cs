using System.Text;
using Akka.Configuration;
using Paystack.Actors.Logging;

namespace Paystack.Actors.Configuration;

/// <summary>Writes the effective <c>paystack-sync</c> section as HOCON, one key per line, with passwords and keys masked.</summary>
public static class SyncConfigRenderer
{
    private const string Indent = "  ";

    public static string Render(Config config, SecretRedactor? redactor = null)
    {
        var output = new StringBuilder();
        var open = new List<string>();
        foreach (var path in EmbeddedDefaults.SettingPaths)
        {
            var segments = path.Split('.');
            var sections = segments[..^1];
            var shared = 0;
            while (shared < open.Count && shared < sections.Length && open[shared] == sections[shared])
                shared++;
            for (var depth = open.Count - 1; depth >= shared; depth--)
                output.Append(Pad(depth)).Append("}\n");
            open.RemoveRange(shared, open.Count - shared);
            for (var depth = shared; depth < sections.Length; depth++)
            {
                output.Append(Pad(depth)).Append(sections[depth]).Append(" {\n");
                open.Add(sections[depth]);
            }
            output.Append(Pad(sections.Length)).Append(segments[^1]).Append(" = ").Append(HoconText.Value(Shown(config, path, redactor))).Append('\n');
        }
        for (var depth = open.Count - 1; depth >= 0; depth--)
            output.Append(Pad(depth)).Append("}\n");
        return output.ToString();
    }

    private static string Shown(Config config, string path, SecretRedactor? redactor)
    {
        var value = config.GetString(path) ?? "";
        value = ConnectionStringMasking.MaskPassword(value);
        return redactor is null ? SecretRedactor.RedactKnownPatterns(value) : redactor.Redact(value);
    }

    private static string Pad(int depth) => string.Concat(Enumerable.Repeat(Indent, depth));
}
