using System.Globalization;
using Akka.Configuration;
using Paystack.Actors.Cluster;
using Paystack.Host.Serve.Accounts;

namespace Paystack.Host.Serve.Cluster;

/// <summary>
/// How this serve node joins the cluster: <c>paystack-sync.cluster { hostname, port, seed-nodes, stable-after,
/// heartbeat-interval, acceptable-heartbeat-pause, number-of-shards }</c> in HOCON, with the flags on top.
/// </summary>
internal static class ClusterNodeSettings
{
    public const string Section = "paystack-sync.cluster";
    public const int DefaultPort = 4053;

    /// <exception cref="ArgumentException">Cluster mode without an accounts file or without a PostgreSQL journal, or a bad value.</exception>
    public static ClusterOptions Read(ServeOptions serve, string? hostname, int? port, IReadOnlyList<string>? seeds)
    {
        if (serve.Accounts is not AccountsFile)
            throw new ArgumentException("--cluster serves the accounts of an accounts file: give every node the same --accounts FILE.");
        var persistence = serve.Settings.Settings.Persistence;
        if (!persistence.Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                $"cluster mode keeps journal, snapshots and sharding state in PostgreSQL: set paystack-sync.persistence (provider = postgresql, connection-string = ...) "
                + $"or --journal postgres:CONNECTION-STRING; the journal now is {persistence.Provider}, which the other nodes cannot read.");
        var config = serve.Settings.Config.GetConfig(Section) ?? Config.Empty;
        hostname ??= config.GetString("hostname", "127.0.0.1");
        var chosenPort = port ?? config.GetInt("port", DefaultPort);
        if (chosenPort is < 0 or > 65535) throw new ArgumentException($"--cluster-port must be 0-65535, got {chosenPort}.");
        var seedNodes = (seeds ?? SeedList(config)).Select(SeedAddress).ToList();
        var defaults = new ClusterOptions(hostname, chosenPort, seedNodes);
        return defaults with
        {
            StableAfter = config.GetTimeSpan("stable-after", defaults.StableAfter),
            HeartbeatInterval = config.GetTimeSpan("heartbeat-interval", defaults.HeartbeatInterval),
            AcceptableHeartbeatPause = config.GetTimeSpan("acceptable-heartbeat-pause", defaults.AcceptableHeartbeatPause),
            NumberOfShards = Positive(config.GetInt("number-of-shards", defaults.NumberOfShards), "number-of-shards"),
        };
    }

    /// <summary>A seed as Akka wants it: host:port becomes akka.tcp://paystack-sync@host:port.</summary>
    /// <exception cref="ArgumentException">Neither form.</exception>
    public static string SeedAddress(string seed)
    {
        seed = seed.Trim();
        if (seed.StartsWith("akka.tcp://", StringComparison.Ordinal)) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon > 0 && int.TryParse(seed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            return $"akka.tcp://{ClusterConfig.SystemName}@{seed[..colon]}:{port.ToString(CultureInfo.InvariantCulture)}";
        throw new ArgumentException($"--seed-node '{seed}' is not host:port or akka.tcp://{ClusterConfig.SystemName}@host:port.");
    }

    /// <summary>seed-nodes as a HOCON list or one comma-separated string.</summary>
    private static IReadOnlyList<string> SeedList(Config config)
    {
        var value = config.GetValue("seed-nodes");
        if (value is null || value.IsEmpty) return [];
        return value.IsArray()
            ? [.. value.GetStringList()]
            : value.GetString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static int Positive(int value, string key) =>
        value > 0 ? value : throw new ArgumentException($"{Section}.{key} must be 1 or more, got {value}.");
}
