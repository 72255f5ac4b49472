using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Paystack.Actors.Configuration;

/// <summary>Lists the leaf keys of one parsed HOCON document (its own keys, not those of fallbacks).</summary>
internal static class HoconPaths
{
    public static IEnumerable<string> Leaves(Config config)
    {
        if (config.IsEmpty || config.Root is null || !config.Root.IsObject())
            return [];
        return Walk(config.Root.GetObject(), prefix: null);
    }

    private static IEnumerable<string> Walk(HoconObject node, string? prefix)
    {
        foreach (var (key, value) in node.Items)
        {
            var path = prefix is null ? key : $"{prefix}.{key}";
            if (value.IsObject())
                foreach (var leaf in Walk(value.GetObject(), path))
                    yield return leaf;
            else
                yield return path;
        }
    }
}
