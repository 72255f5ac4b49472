using System.CommandLine;

namespace Paystack.Host.Serve.Cluster;

/// <summary>The options of <c>serve --cluster</c>: whether to join a cluster, and the flags that outrank <c>paystack-sync.cluster</c> in HOCON.</summary>
internal sealed class ClusterCommandOptions
{
    public Option<bool> Cluster { get; } = new("--cluster")
    {
        Description = "Run as a member of a cluster of serve nodes sharing the accounts of --accounts (PostgreSQL journal required; docs/scale-out.md).",
    };

    public Option<string?> Hostname { get; } = new("--cluster-host")
    {
        Description = "The address other members reach this node at (default: paystack-sync.cluster.hostname, 127.0.0.1).",
        HelpName = "HOST",
    };

    public Option<int?> Port { get; } = new("--cluster-port")
    {
        Description = "The cluster port of this node (default: paystack-sync.cluster.port, 4053).",
        HelpName = "PORT",
    };

    public Option<string[]> SeedNodes { get; } = new("--seed-node")
    {
        Description = "A member to join through, host:port or akka.tcp://paystack-sync@host:port; repeat for several (default: paystack-sync.cluster.seed-nodes).",
        HelpName = "HOST:PORT",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Cluster, Hostname, Port, SeedNodes];

    /// <summary>The node's cluster settings, or null when <c>--cluster</c> was not given.</summary>
    /// <exception cref="ArgumentException">A cluster flag without --cluster, a cluster without an accounts file or PostgreSQL, or a bad value.</exception>
    public Actors.Cluster.ClusterOptions? Read(ParseResult parseResult, ServeOptions serve)
    {
        var flags = new Option[] { Hostname, Port, SeedNodes }.Where(o => parseResult.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (!parseResult.GetValue(Cluster))
        {
            if (flags.Count > 0) throw new ArgumentException($"{string.Join(", ", flags)} only apply with --cluster.");
            return null;
        }
        return ClusterNodeSettings.Read(
            serve,
            parseResult.GetValue(Hostname),
            parseResult.GetValue(Port),
            parseResult.GetValue(SeedNodes) is { Length: > 0 } seeds ? seeds : null);
    }
}
